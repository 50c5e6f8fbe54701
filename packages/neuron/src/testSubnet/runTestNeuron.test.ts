import { runProcess } from '@taonode/kit';
import { describe, expect, it } from 'vitest';
import { testNeuronEntry } from './entry.js';

async function run(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const entry = testNeuronEntry();
  const r = await runProcess(process.execPath, [...entry.execArgv, entry.script, ...args], {
    env: { ...process.env, TAONODE_NETUID: '', BT_NETUID: '' },
    timeoutMs: 90_000,
  });
  return { status: r.exitCode, stdout: r.stdout.toString('utf8'), stderr: r.stderr };
}

describe('test-subnet daemon entry', () => {
  it('lists every option with defaults on --help and exits 0', async () => {
    const r = await run(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/--role <miner\|validator>/);
    expect(r.stdout).toMatch(
      /--wallet\.hotkey <string>\s+Hotkey name inside the wallet \(default: "default"/,
    );
    expect(r.stdout).toMatch(/--neuron\.test_delay_ms <integer>/);
  }, 120_000);

  it('fails at start on an unknown or invalid flag with exit 2', async () => {
    const r = await run([
      '--role',
      'miner',
      '--netuid',
      '2',
      '--axon.prot',
      '9',
      '--neuron.sample_size',
      '0',
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown option '--axon.prot' \(did you mean --axon.port\?\)/);
    expect(r.stderr).toMatch(/--neuron.sample_size: expected an integer >= 1/);
    const noRole = await run(['--netuid', '2']);
    expect(noRole.status).toBe(2);
    expect(noRole.stderr).toMatch(/--role must be miner or validator/);
  }, 120_000);

  it('exits 78 naming the command to create a missing hotkey', async () => {
    const r = await run([
      '--role',
      'miner',
      '--netuid',
      '2',
      '--wallet.path',
      '/nonexistent-taonode',
      '--metrics.port',
      '0',
    ]);
    expect(r.status).toBe(78);
    expect(r.stderr).toMatch(/cannot load hotkey 'default' of wallet 'default'/);
    expect(r.stderr).toMatch(/taonode wallet new-hotkey --wallet.name default --wallet.hotkey default/);
  }, 120_000);
});
