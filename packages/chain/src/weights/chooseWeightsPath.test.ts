import { describe, expect, it } from 'vitest';
import { chooseWeightsPath } from './chooseWeightsPath.js';
import { TimelockUnavailableError } from './errors.js';

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

  it('commits timelocked where only those count (CRv4, or no hash calls); refuses where none exist', () => {
    const v4 = { ...base, commitRevealVersion: 4 };
    expect(chooseWeightsPath(v4, 'auto')).toBe('timelocked');
    expect(chooseWeightsPath(v4, 'commit-reveal')).toBe('commit-reveal');
    const noHash = { ...base, supports: { ...base.supports, hashCommitReveal: false } };
    expect(chooseWeightsPath(noHash, 'auto')).toBe('timelocked');
    expect(() => chooseWeightsPath(noHash, 'commit-reveal')).toThrow(TimelockUnavailableError);
    expect(chooseWeightsPath(base, 'timelocked')).toBe('timelocked');
    const none = { ...v4, supports: { hashCommitReveal: true, timelocked: false, epochCounter: false } };
    try {
      chooseWeightsPath(none, 'auto');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(TimelockUnavailableError);
      expect((err as TimelockUnavailableError).name).toBe('TimelockUnavailableError');
      expect((err as TimelockUnavailableError).hint).toMatch(/--mode auto/);
    }
  });
});
