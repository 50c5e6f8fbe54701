import { describe, expect, it } from 'vitest';
import { ChainError } from './chainError.js';
import { decodePoolError } from './poolError.js';

describe('decodePoolError', () => {
  it('maps 1010 custom(N) to the runtime error names of spec §3.6', () => {
    const e = decodePoolError(new Error('1010: {"invalid":{"custom":11}}'));
    expect(e).toBeInstanceOf(ChainError);
    expect(e?.name).toBe('InvalidIpAddress');
    expect(e?.pallet).toBe('pool');
    expect(e?.hint).toMatch(/127\.0\.0\.2/);
    expect(decodePoolError(new Error('1010: Invalid Transaction: Custom error: 19'))?.name).toBe(
      'HotKeyNotRegisteredInSubNet',
    );
    expect(decodePoolError(new Error('1010: Invalid Transaction: Custom error: 17'))?.name).toBe(
      'RevealTooEarly',
    );
  });

  it('uses the refused call to name shared codes', () => {
    const rate = new Error('1010: {"invalid":{"custom":6}}');
    expect(decodePoolError(rate, {}, 'setWeights')?.name).toBe('SettingWeightsTooFast');
    expect(decodePoolError(rate, {}, 'commitWeights')?.name).toBe('CommittingWeightsTooFast');
    expect(decodePoolError(rate, {}, 'registerNetwork')?.name).toBe('NetworkTxRateLimitExceeded');
    expect(decodePoolError(rate)?.name).toBe('RateLimitExceeded');
  });

  it('decodes fee, nonce and priority refusals', () => {
    expect(decodePoolError(new Error('1010: {"invalid":{"payment":null}}'))?.name).toBe('Payment');
    expect(decodePoolError(new Error('1010: Invalid Transaction: Inability to pay some fees'))?.name).toBe(
      'InvalidTransaction',
    );
    expect(decodePoolError(new Error('1010: {"invalid":{"stale":null}}'))?.name).toBe('Stale');
    expect(decodePoolError(new Error('1014: Priority is too low: (100 vs 100)'))?.name).toBe(
      'PriorityTooLow',
    );
    expect(decodePoolError(new Error('something else'))).toBeUndefined();
  });
});
