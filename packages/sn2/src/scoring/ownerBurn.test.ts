import { describe, expect, it } from 'vitest';
import { burnToOwner, OWNER_BURN_SHARE } from './ownerBurn.js';

describe('burnToOwner (subnet-2 @ a3ce328, spec §4.5)', () => {
  it('scales miner weights by 0.2 and gives the owner uid 0.8, sorted by uid', () => {
    const out = burnToOwner({ uids: [3, 1], weights: [0.25, 0.5] }, 0, OWNER_BURN_SHARE);
    expect(out.uids).toEqual([0, 1, 3]);
    expect(out.weights[0]).toBe(0.8);
    expect(out.weights[1]).toBeCloseTo(0.1, 12);
    expect(out.weights[2]).toBeCloseTo(0.05, 12);
  });

  it("replaces a score the owner's uid may have had", () => {
    const out = burnToOwner({ uids: [0, 2], weights: [0.3, 0.5] }, 0, 0.8);
    expect(out.uids).toEqual([0, 2]);
    expect(out.weights[0]).toBe(0.8);
  });

  it('leaves the weights alone when disabled or the owner holds no uid', () => {
    const w = { uids: [1], weights: [1] };
    expect(burnToOwner(w, 0, 0)).toBe(w);
    expect(burnToOwner(w, undefined, 0.8)).toBe(w);
  });
});
