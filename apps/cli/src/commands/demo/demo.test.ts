import { describe, expect, it } from 'vitest';
import { runCli } from '../../testing/runCli.js';

// The README's main job, end to end: a real local chain, real daemons as child processes.
describe('taonode demo', () => {
  it('ends with weights read back from the chain for every miner and exits 0', async () => {
    const r = await runCli(['demo', '--timeout', '540'], { timeoutMs: 600_000 });
    if (r.code !== 0) console.error(r.stdout, r.stderr);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/subnet\s+netuid\s+uid\s+role\s+hotkey\s+score\s+weight \(chain\)/);
    const minerRows = r.stdout.split('\n').filter((l) => /^test\s+\d+\s+\d+\s+miner\s/.test(l));
    expect(minerRows).toHaveLength(2);
    for (const row of minerRows) {
      const [score, weight] = row.trim().split(/\s+/).slice(-2).map(Number);
      expect(score).toBeGreaterThan(0);
      expect(weight).toBeGreaterThan(0);
    }
  }, 620_000);

  it('rejects a bad --miners value', async () => {
    const r = await runCli(['demo', '--miners', 'zero']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/--miners must be a positive integer, got 'zero'/);
  }, 60_000);
});
