import { describe, expect, it } from 'vitest';
import { allServing, noDoubleWeights, noUnexpectedRestarts, weightsAfterLastFault } from './chaosChecks.js';

const v = (landings: number[]) => ({ name: 'test-validator', netuid: 2, uid: 1, tempo: 10, landings });

describe('chaos checks', () => {
  it('flags two weight sets less than a tempo apart, from the first fault on', () => {
    expect(noDoubleWeights([v([5, 9, 20, 30, 41])], 10).ok).toBe(true);
    const r = noDoubleWeights([v([20, 30, 35])], 10);
    expect(r.ok).toBe(false);
    expect(r.details[0]).toMatch(/blocks 30 and 35/);
  });

  it('wants weights within two tempos after the last fault', () => {
    expect(weightsAfterLastFault([v([90, 115])], 100).ok).toBe(true);
    expect(weightsAfterLastFault([v([90, 121])], 100).details[0]).toMatch(
      /first weights at block 121.*due by 120/,
    );
    expect(weightsAfterLastFault([v([90])], 100).details[0]).toMatch(/no weights/);
  });

  it('counts restarts beyond the kills as crashes', () => {
    const kills = new Map([['a', 1]]);
    expect(
      noUnexpectedRestarts(
        new Map([
          ['a', 1],
          ['b', 0],
        ]),
        kills,
      ).ok,
    ).toBe(true);
    expect(noUnexpectedRestarts(new Map([['a', 2]]), kills).details).toEqual([
      'a: 2 restarts, 1 of them from kill -9 (see its log)',
    ]);
  });

  it('names a killed daemon pm2 left stopped because of exit code 0 in stop_exit_codes', () => {
    const health = new Map([
      ['a', true],
      ['b', false],
    ]);
    const pm2 = new Map([
      ['a', { status: 'online', exitCode: undefined }],
      ['b', { status: 'stopped', exitCode: 0 }],
    ]);
    const r = allServing(health, pm2, new Map([['b', 1]]), [0, 2, 78]);
    expect(r.ok).toBe(false);
    expect(r.details[0]).toMatch(
      /^b: \/healthz not ok \(pm2: stopped, exit code 0\); not restarted after kill -9/,
    );
    expect(allServing(health, pm2, new Map(), [2, 78]).details[0]).toBe(
      'b: /healthz not ok (pm2: stopped, exit code 0)',
    );
  });
});
