import { describe, expect, it } from 'vitest';
import { type PowerRow, powerTable, verificationPower } from '../testing/index.js';
import { REPLAY_PASS_MARK } from './replay.js';

// The verification-power table of docs/sn30.md at CI size (12 steps, 64×64): honest frames pass every
// step, each cheat fails on the steps it faked.
describe('replay verification power (tiny models)', () => {
  it('passes honest frames on every step and catches each cheat', async () => {
    const rows = await verificationPower(
      {
        prompt: 'a photo of a red cat',
        negativePrompt: 'blurry',
        width: 64,
        height: 64,
        steps: 12,
        guidanceScale: 7,
        seed: 1234,
        controlScale: 0,
      },
      { passMark: REPLAY_PASS_MARK },
    );
    if (process.env.TAONODE_PRINT_TABLE) console.log(powerTable(rows, REPLAY_PASS_MARK));
    const row = (prefix: string) => rows.find((r) => r.case.startsWith(prefix)) as PowerRow;
    const min = (r: PowerRow) => Math.min(...r.modelCosines);
    expect(min(row('honest (same'))).toBeGreaterThan(1 - 1e-5);
    expect(min(row('honest, fp16'))).toBeGreaterThanOrEqual(0.999);
    for (const cheat of ['random', 'another seed', 'another model', 'half the steps']) {
      expect(row(cheat).failing, cheat).toBeGreaterThanOrEqual(10);
    }
    expect(row('another prompt').failing).toBeGreaterThanOrEqual(6);
    expect(row('UNet weights on a 4-bit').failing).toBeGreaterThanOrEqual(6);
    // One skipped UNet call fails the step it skipped.
    expect(row('step 6 copied').modelCosines[6]).toBeLessThan(REPLAY_PASS_MARK);
    expect(row('step 6 copied').failing).toBeGreaterThanOrEqual(1);
  }, 120_000);
});
