import { describe, expect, it } from 'vitest';
import { TimelockUnavailableError } from './errors.js';
import { chooseWeightsPath } from './submitWeights.js';

const base = {
  netuid: 3,
  commitRevealEnabled: true,
  commitRevealVersion: undefined,
  supports: { hashCommitReveal: true, timelocked: true, epochCounter: false },
};

describe('chooseWeightsPath', () => {
  it('sets weights when commit-reveal is off, commits when it is on', () => {
    expect(chooseWeightsPath({ ...base, commitRevealEnabled: false }, 'auto')).toBe('set');
    expect(chooseWeightsPath(base, 'auto')).toBe('commit-reveal');
    expect(chooseWeightsPath(base, 'set')).toBe('set');
  });

  it('refuses with a typed error where only timelocked (CRv4) commits would count', () => {
    const v4 = { ...base, commitRevealVersion: 4 };
    expect(() => chooseWeightsPath(v4, 'auto')).toThrow(TimelockUnavailableError);
    expect(chooseWeightsPath(v4, 'commit-reveal')).toBe('commit-reveal');
    const noHash = { ...base, supports: { ...base.supports, hashCommitReveal: false } };
    try {
      chooseWeightsPath(noHash, 'commit-reveal');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(TimelockUnavailableError);
      expect((err as TimelockUnavailableError).name).toBe('TimelockUnavailableError');
      expect((err as TimelockUnavailableError).hint).toMatch(/drand/);
    }
  });
});
