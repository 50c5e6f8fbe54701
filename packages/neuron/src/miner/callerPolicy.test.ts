import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { MetagraphCache } from '../chainPort/metagraphCache.js';
import type { NeuronMetagraph } from '../chainPort/types.js';
import { callerPriority, judgeCaller } from './callerPolicy.js';

const mg: NeuronMetagraph = {
  netuid: 2,
  block: 10,
  hotkeys: ['val', 'miner', 'poor'],
  stake: [1000, 5, 2],
  validatorPermit: [true, false, true],
  axons: [],
  lastUpdate: [0, 0, 0],
  tempo: 10,
  weightsRateLimit: 0,
  commitRevealEnabled: false,
  weightsVersion: 0,
};

async function cache() {
  const c = new MetagraphCache(async () => mg, 5, pino({ level: 'silent' }));
  await c.refresh();
  return c;
}

describe('caller policy', () => {
  it('lets everyone in with --neuron.disable_blacklist', async () => {
    const c = await cache();
    const open = { minStake: 1e9, forceValidatorPermit: true, allowNonRegistered: false, disabled: true };
    expect(judgeCaller(c, 'stranger', open)).toEqual({ allow: true, uid: undefined });
    expect(judgeCaller(c, 'poor', open)).toEqual({ allow: true, uid: 2 });
  });

  const policy = { minStake: 3, forceValidatorPermit: true, allowNonRegistered: false };

  it('allows a registered validator with enough stake', async () => {
    expect(judgeCaller(await cache(), 'val', policy)).toEqual({ allow: true, uid: 0 });
  });

  it('rejects unregistered, permitless and low-stake callers with a reason', async () => {
    const c = await cache();
    expect(judgeCaller(c, 'stranger', policy)).toEqual({
      allow: false,
      reason: 'Unrecognized hotkey stranger',
    });
    expect(judgeCaller(c, 'miner', policy)).toMatchObject({ allow: false, reason: /Non-validator hotkey/ });
    expect(judgeCaller(c, 'poor', policy)).toMatchObject({
      allow: false,
      reason: /below the minimum 3 alpha/,
    });
    expect(judgeCaller(c, undefined, policy)).toMatchObject({ allow: false });
    expect(judgeCaller(c, 'stranger', { ...policy, allowNonRegistered: true })).toEqual({
      allow: true,
      uid: undefined,
    });
    expect(judgeCaller(c, 'miner', { ...policy, forceValidatorPermit: false })).toEqual({
      allow: true,
      uid: 1,
    });
  });

  it('prioritises by stake', async () => {
    const c = await cache();
    expect(callerPriority(c, 'val')).toBe(1000);
    expect(callerPriority(c, 'stranger')).toBe(0);
  });

  it('keeps the old metagraph when a refresh fails', async () => {
    let fail = false;
    const c = new MetagraphCache(
      async () => {
        if (fail) throw new Error('chain gone');
        return mg;
      },
      1,
      pino({ level: 'silent' }),
    );
    await c.refresh();
    fail = true;
    c.onBlock(100);
    await new Promise((r) => setTimeout(r, 10));
    expect(c.value).toBe(mg);
  });
});
