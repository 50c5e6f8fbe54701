import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { MetagraphCache } from './metagraphCache.js';
import type { NeuronMetagraph } from './types.js';

const mg = (block: number, hotkeys = ['a', 'b']): NeuronMetagraph => ({
  netuid: 2,
  block,
  hotkeys,
  stake: hotkeys.map(() => 1),
  validatorPermit: hotkeys.map(() => true),
  axons: [],
  lastUpdate: hotkeys.map(() => 0),
  tempo: 10,
  weightsRateLimit: 0,
  commitRevealEnabled: false,
  weightsVersion: 0,
});

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('MetagraphCache', () => {
  it('refreshes every N blocks, never twice at once, and tells listeners', async () => {
    let head = 100;
    let loads = 0;
    const cache = new MetagraphCache(
      async () => {
        loads++;
        await tick();
        return mg(head, head >= 110 ? ['a', 'c'] : ['a', 'b']);
      },
      5,
      pino({ level: 'silent' }),
    );
    const seen: number[] = [];
    const off = cache.onUpdate((m) => seen.push(m.block));
    await cache.refresh();
    expect(cache.uidOf('b')).toBe(1);
    for (head = 101; head <= 104; head++) cache.onBlock(head);
    await tick();
    expect(loads).toBe(1);
    head = 105;
    cache.onBlock(105);
    cache.onBlock(105);
    await Promise.all([cache.refresh(), cache.refresh()]);
    expect(loads).toBe(2);
    head = 110;
    cache.onBlock(110);
    await tick();
    await tick();
    expect(loads).toBe(3);
    expect(cache.uidOf('b')).toBeUndefined();
    expect(cache.uidOf('c')).toBe(1);
    off();
    await cache.refresh();
    expect(seen).toEqual([100, 105, 110]);
  });
});
