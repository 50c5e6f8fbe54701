import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, EXIT_USAGE, loadConfig, type Role, runSubnet } from '@taonode/neuron';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { testMlpCircuit } from '../testing/testCircuits.js';
import { testPtauSource } from '../zk/ptau.js';
import { loadCircuits } from './loadCircuits.js';
import { sn2Options } from './sn2Options.js';
import { sn2Plugin } from './sn2Plugin.js';

const logger = createLogger({ level: 'info', format: 'json', name: 'sn2-test' });
logger.level = 'silent';
const dir = mkdtempSync(join(tmpdir(), 'sn2-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function options(role: Role, extra: string[]) {
  const r = loadConfig({
    role,
    argv: ['--netuid', '2', '--neuron.circuits', 'mlp', ...extra],
    env: {},
    options: sn2Options,
  });
  if (r.kind !== 'config') throw new Error('expected a config');
  return r.options;
}

describe('loadCircuits with published keys (--neuron.keys_dir)', () => {
  it('uses the published verification key and zkey: same circuit id as their maker', async () => {
    const made = await testMlpCircuit();
    const keys = join(dir, 'keys');
    mkdirSync(join(keys, 'sn2-mlp'), { recursive: true });
    copyFileSync(made.vkPath, join(keys, 'sn2-mlp', 'verification_key.json'));
    // A validator needs only the verification key.
    const [v] = await loadCircuits(options('validator', ['--neuron.keys_dir', keys]), 'validator', logger);
    expect(v!.id).toBe(made.id);
    await expect(
      loadCircuits(options('miner', ['--neuron.keys_dir', keys]), 'miner', logger),
    ).rejects.toThrow(/missing .*circuit\.zkey; copy the published keys of sn2-mlp there/);
    copyFileSync(made.zkeyPath, join(keys, 'sn2-mlp', 'circuit.zkey'));
    const [m] = await loadCircuits(options('miner', ['--neuron.keys_dir', keys]), 'miner', logger);
    expect(m!.zkeyPath).toBe(join(keys, 'sn2-mlp', 'circuit.zkey'));
  }, 300_000);

  it('config problems stop the daemon with exit 78 and a message naming the flag', async () => {
    await expect(
      loadCircuits(options('miner', ['--neuron.ptau', '/x.ptau']), 'miner', logger),
    ).rejects.toThrow(/--neuron.ptau needs --neuron.ptau_sha256/);
    await expect(
      loadCircuits(options('miner', ['--neuron.circuits', 'lstm']), 'miner', logger),
    ).rejects.toMatchObject({
      name: 'NeuronExit',
      exitCode: 78,
      message: expect.stringMatching(/unknown circuit 'lstm' in --neuron.circuits/),
    });
    const wrongSha = ['--neuron.ptau', testPtauSource().location, '--neuron.ptau_sha256', '0'.repeat(64)];
    await expect(loadCircuits(options('validator', wrongSha), 'validator', logger)).rejects.toMatchObject({
      exitCode: 78,
      message: expect.stringMatching(/does not match its pinned sha256/),
    });
  });

  it('the daemon refuses a bad circuit list before connecting anywhere (usage error)', async () => {
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const code = await runSubnet(sn2Plugin, 'miner', {
        argv: ['--netuid', '2', '--neuron.circuits', 'pow-16,bogus'],
        env: {},
      });
      expect(code).toBe(EXIT_USAGE);
      expect(String(write.mock.calls[0]?.[0])).toMatch(
        /sn2-miner: unknown circuit 'bogus' in --neuron.circuits/,
      );
    } finally {
      write.mockRestore();
    }
  });
});
