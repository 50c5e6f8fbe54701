import { freePort } from '@taonode/neuron';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../testing/runCli.js';

/** Nothing listens on a port that was just free. */
const closedPort = () => freePort('127.0.0.1');

describe('chain commands against an endpoint nobody serves', () => {
  it('print what is wrong and what to do, and exit 69', async () => {
    const endpoint = `ws://127.0.0.1:${await closedPort()}`;
    const r = await runCli(['metagraph', '--netuid', '1', '--subtensor.chain_endpoint', endpoint]);
    expect(r.stderr).not.toContain('[object Object]');
    expect(r.stderr).not.toContain('unexpected failure');
    expect(r.stderr).toContain(`error: cannot reach the chain at ${endpoint}`);
    expect(r.stderr).toContain('ECONNREFUSED');
    expect(r.stderr).toContain('--subtensor.chain_endpoint');
    expect(r.stderr).toContain('taonode localnet start');
    // One line: polkadot.js's own "API-WS: disconnected" log is kept out of the command's output.
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.code).toBe(69);
  }, 60_000);

  it('report the error code in --json mode', async () => {
    const endpoint = `ws://127.0.0.1:${await closedPort()}`;
    const r = await runCli(
      ['balance', '--ss58', '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY', '--json'],
      {
        env: { BT_SUBTENSOR_CHAIN_ENDPOINT: endpoint },
      },
    );
    expect(r.code).toBe(69);
    const line = r.stdout.trim().split('\n').at(-1)!;
    expect(JSON.parse(line)).toMatchObject({ error: { code: 'ChainUnreachableError' } });
  }, 60_000);
});
