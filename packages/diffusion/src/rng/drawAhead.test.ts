import { describe, expect, it } from 'vitest';
import { DrawAhead } from './drawAhead.js';
import { gaussian } from './gaussian.js';
import { inlineNoise, type NoiseDrawer, sharedFloat32Array } from './gaussianWorkers.js';

/** An inline drawer that says it is parallel and records what was requested, in order. */
function recording(): NoiseDrawer & { requested: number[] } {
  const requested: number[] = [];
  return {
    requested,
    parallel: true,
    alloc: sharedFloat32Array,
    fill: (out, seed, draw, offset) => {
      requested.push(draw);
      return inlineNoise.fill(out, seed, draw, offset);
    },
    close: async () => {},
  };
}

describe('DrawAhead', () => {
  it('requests draws ahead of use, once each, never past the last', async () => {
    const drawer = recording();
    const ahead = new DrawAhead(drawer, 7, 64, 5, 2);
    ahead.prefetch();
    expect(drawer.requested).toEqual([0, 1]);
    expect([...(await ahead.get(0))]).toEqual([...gaussian(64, 7, 0)]);
    expect(drawer.requested).toEqual([0, 1, 2]);
    await ahead.get(1);
    await ahead.get(2);
    expect([...(await ahead.get(4))]).toEqual([...gaussian(64, 7, 4)]);
    expect(drawer.requested).toEqual([0, 1, 2, 3, 4, 5]);
    expect(() => ahead.get(6)).toThrow(RangeError);
  });

  it('draws nothing early with an inline drawer', async () => {
    const ahead = new DrawAhead(inlineNoise, 7, 8, 30);
    ahead.prefetch();
    expect([...(await ahead.get(3))]).toEqual([...gaussian(8, 7, 3)]);
  });
});
