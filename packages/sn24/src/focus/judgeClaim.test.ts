import type { BlockTransfer, BlockTransfers } from '@taonode/chain';
import { describe, expect, it } from 'vitest';
import { claimKey, judgeClaim } from './judgeClaim.js';
import type { FocusClaim } from './marketplace.js';

const HASH = `0x${'cd'.repeat(32)}`;
const claim: FocusClaim = {
  videoId: 'v1',
  minerHotkey: 'HOT',
  address: 'RECORDER',
  amountRao: 1_000n,
  blockHash: HASH,
  claimedAt: 0,
};
const transfer = (over: Partial<BlockTransfer>, eventIndex = 3): BlockTransfer => ({
  id: `${HASH}#${eventIndex}`,
  extrinsicIndex: 1,
  eventIndex,
  call: 'balances.transferKeepAlive',
  signer: 'COLD',
  from: 'COLD',
  to: 'RECORDER',
  amount: 1_000n,
  ...over,
});
const block = (transfers: BlockTransfer[], over: Partial<BlockTransfers> = {}): BlockTransfers => ({
  hash: HASH,
  number: 100,
  timestamp: 1,
  canonical: true,
  transfers,
  ...over,
});
const judge = (
  b: BlockTransfers,
  over: { coldkey?: string | undefined; head?: number; counted?: string[] } = {},
) =>
  judgeClaim({
    claim,
    block: b,
    minerColdkey: 'coldkey' in over ? over.coldkey : 'COLD',
    head: over.head ?? 110,
    windowBlocks: 7_200,
    isCounted: (id) => (over.counted ?? []).includes(id),
  });
const reason = (v: ReturnType<typeof judgeClaim>) => (v.ok ? 'ok' : v.reason);

describe('judgeClaim', () => {
  it('accepts a transfer from the miner coldkey to the recorder of at least the price', () => {
    expect(judge(block([transfer({})]))).toEqual({ ok: true, transfer: transfer({}) });
    expect(reason(judge(block([transfer({ amount: 5_000n })])))).toBe('ok');
    // Nested in a batch, signed by the coldkey: the event is what counts.
    expect(reason(judge(block([transfer({ call: 'utility.batchAll' })])))).toBe('ok');
  });

  it('names the first failing check', () => {
    expect(reason(judge(block([transfer({})]), { coldkey: undefined }))).toBe('unknown-hotkey');
    expect(reason(judge(block([transfer({})], { canonical: false })))).toBe('block-not-canonical');
    expect(reason(judge(block([transfer({})]), { head: 100 + 7_201 }))).toBe('outside-window');
    expect(reason(judge(block([transfer({})]), { head: 100 + 7_200 }))).toBe('ok');
    expect(reason(judge(block([transfer({ from: 'OTHER', signer: 'OTHER' })])))).toBe(
      'not-from-miner-coldkey',
    );
    expect(reason(judge(block([])))).toBe('not-from-miner-coldkey');
    expect(reason(judge(block([transfer({ to: 'ELSEWHERE' })])))).toBe('wrong-recipient');
    const under = judge(block([transfer({ amount: 999n }), transfer({ amount: 10n }, 4)]));
    expect(under).toMatchObject({
      ok: false,
      reason: 'underpaid',
      detail: 'paid 999 rao, the price is 1000 rao',
    });
    expect(reason(judge(block([transfer({})]), { counted: [`${HASH}#3`] }))).toBe('already-counted');
  });

  it('pairs a second claim on the same block with a second, uncounted transfer', () => {
    const two = block([transfer({}, 3), transfer({}, 5)]);
    const verdict = judge(two, { counted: [`${HASH}#3`] });
    expect(verdict.ok && verdict.transfer.eventIndex).toBe(5);
  });

  it('keys a claim by video, hotkey and block (case-insensitive hash)', () => {
    expect(claimKey(claim)).toBe(claimKey({ ...claim, blockHash: HASH.toUpperCase().replace('0X', '0x') }));
    expect(claimKey(claim)).not.toBe(claimKey({ ...claim, videoId: 'v2' }));
  });
});
