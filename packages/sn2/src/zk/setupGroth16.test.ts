import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mlpCircuit } from '../circuits/catalog.js';
import { snarkjsCliPath } from '../testing/snarkjsCli.js';
import { testMlpCircuit } from '../testing/testCircuits.js';
import { compileKey } from './compileCircuit.js';
import { circuitIdOf } from './setupGroth16.js';

describe('Groth16 setup', () => {
  it('writes the verification key byte for byte as the snarkjs CLI does; the id is its sha256', async () => {
    const mlp = await testMlpCircuit();
    const dir = mkdtempSync(join(tmpdir(), 'sn2-vk-'));
    try {
      const out = join(dir, 'verification_key.json');
      const r = spawnSync(process.execPath, [snarkjsCliPath(), 'zkev', mlp.zkeyPath, out]);
      expect(r.status, r.stderr.toString()).toBe(0);
      const cliText = readFileSync(out, 'utf8');
      expect(mlp.vkJson).toBe(cliText);
      expect(mlp.id).toBe(circuitIdOf(cliText));
      expect(mlp.id).toMatch(/^[0-9a-f]{64}$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000);

  it('the compile cache key depends on the circuit parameters', () => {
    expect(compileKey(mlpCircuit())).toBe(compileKey(mlpCircuit()));
    expect(compileKey({ ...mlpCircuit(), args: [1] })).not.toBe(compileKey(mlpCircuit()));
  });
});
