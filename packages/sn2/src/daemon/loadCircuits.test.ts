import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, EXIT_USAGE, loadConfig, type Role } from '@taonode/neuron';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { testMlpCircuit } from '../testing/testCircuits.js';
import { testPtauSource } from '../zk/ptau.js';
import { loadCircuits } from './loadCircuits.js';
import { runSn2 } from './runSn2Neuron.js';
import { SN2_OPTIONS } from './sn2Options.js';

const logger = createLogger({ level: 'info', format: 'json', name: 'sn2-test' });
logger.level = 'silent';
const dir = mkdtempSync(join(tmpdir(), 'sn2-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function config(role: Role, extra: string[]) {
  const r = loadConfig({
    role,
    argv: ['--netuid', '2', '--neuron.circuits', 'mlp', ...extra],
    env: {},
    extraOptions: SN2_OPTIONS,
  });
  if (r.kind !== 'config') throw new Error('expected a config');
  return r.config;
}

describe('loadCircuits with published keys (--neuron.keys_dir)', () => {
  it('uses the published verification key and zkey: same circuit id as their maker', async () => {
    const made = await testMlpCircuit();
    const keys = join(dir, 'keys');
    mkdirSync(join(keys, 'sn2-mlp'), { recursive: true });
    copyFileSync(made.vkPath, join(keys, 'sn2-mlp', 'verification_key.json'));
    // A validator needs only the verification key.
    const [v] = await loadCircuits(config('validator', ['--neuron.keys_dir', keys]), logger);
    expect(v!.id).toBe(made.id);
    await expect(loadCircuits(config('miner', ['--neuron.keys_dir', keys]), logger)).rejects.toThrow(
      /missing .*circuit\.zkey; copy the published keys of sn2-mlp there/,
    );
    copyFileSync(made.zkeyPath, join(keys, 'sn2-mlp', 'circuit.zkey'));
    const [m] = await loadCircuits(config('miner', ['--neuron.keys_dir', keys]), logger);
    expect(m!.zkeyPath).toBe(join(keys, 'sn2-mlp', 'circuit.zkey'));
  }, 300_000);

  it('config problems stop the daemon with exit 78 and a message naming the flag', async () => {
    await expect(loadCircuits(config('miner', ['--neuron.ptau', '/x.ptau']), logger)).rejects.toThrow(
      /--neuron.ptau needs --neuron.ptau_sha256/,
    );
    await expect(loadCircuits(config('miner', ['--neuron.circuits', 'lstm']), logger)).rejects.toMatchObject({
      name: 'NeuronExit',
      exitCode: 78,
      message: expect.stringMatching(/unknown circuit 'lstm' in --neuron.circuits/),
    });
    const wrongSha = ['--neuron.ptau', testPtauSource().location, '--neuron.ptau_sha256', '0'.repeat(64)];
    await expect(loadCircuits(config('validator', wrongSha), logger)).rejects.toMatchObject({
      exitCode: 78,
      message: expect.stringMatching(/does not match its pinned sha256/),
    });
  });

  it('the daemon refuses a bad circuit list before connecting anywhere (usage error)', async () => {
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const code = await runSn2('miner', ['--netuid', '2', '--neuron.circuits', 'pow-16,bogus'], {});
      expect(code).toBe(EXIT_USAGE);
      expect(String(write.mock.calls[0]?.[0])).toMatch(
        /sn2-miner: unknown circuit 'bogus' in --neuron.circuits/,
      );
    } finally {
      write.mockRestore();
    }
  });
});
