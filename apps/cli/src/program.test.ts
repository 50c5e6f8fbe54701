import { describe, expect, it } from 'vitest';
import { runCli } from './testing/runCli.js';

describe('taonode CLI', () => {
  it('prints help listing the command groups', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('wallet');
  });
});
