import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  burnedRegister,
  type ChainClient,
  connect,
  createSubnet,
  fundAccount,
  getCommitment,
  type Localnet,
  setStorage,
  startLocalnet,
} from '@taonode/chain';
import { parseModelCommitment } from '@taonode/sn21';
import {
  ensureTinySn21Models,
  type FakeModelHub,
  startFakeModelHub,
  type TinySn21Models,
} from '@taonode/sn21/testing';
import { Keypair, Wallet } from '@taonode/wallet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../testing/runCli.js';

const token = 'hf_cli_token_never_printed';
const SLOW = { timeout: 300_000 };

/** `taonode sn21 submit` as a child process against the local hub server and a local chain. */
describe('taonode sn21 submit', SLOW, () => {
  let net: Localnet;
  let client: ChainClient;
  let hub: FakeModelHub;
  let tiny: TinySn21Models;
  let root: string;
  let netuid: number;
  let hotkey: string;

  const env = () => ({ TAONODE_WALLET_PASSWORD: '', BT_WALLET_PATH: '', HF_TOKEN: token, TAONODE_DEBUG: '' });
  const submit = (args: string[]) =>
    runCli(
      [
        'sn21',
        'submit',
        ...args,
        '--hub-url',
        hub.url,
        '--subtensor.chain_endpoint',
        net.url,
        '--wallet.path',
        root,
        '--wallet.name',
        'w',
        '--json',
      ],
      { env: env(), timeoutMs: 240_000 },
    );
  const json = (stdout: string) => JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, unknown>;

  beforeAll(async () => {
    tiny = await ensureTinySn21Models();
    hub = await startFakeModelHub({ token });
    root = await mkdtemp(join(tmpdir(), 'taonode-sn21-cli-'));
    const wallet = new Wallet({ path: root, name: 'w', hotkey: 'default' });
    await wallet.createColdkey();
    hotkey = (await wallet.createHotkey()).keypair.ss58Address;
    net = await startLocalnet({ blockMode: 'Instant' });
    client = await connect({ chainEndpoint: net.url, timeoutMs: 120_000 });
    ({ netuid } = await createSubnet(client));
    const funder = Keypair.fromUri('//Sn21CliColdkey');
    await fundAccount(client, funder.ss58Address, 1_000_000_000_000n);
    await burnedRegister(client, { signer: funder, hotkey, netuid });
  }, 300_000);

  afterAll(async () => {
    await client?.close();
    await net?.close();
    await hub?.close();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('checks, uploads and commits; the commitment on chain pins the uploaded revision', async () => {
    const dir = join(root, 'model');
    await cp(tiny.dirs.good, dir, { recursive: true });
    const r = await submit(['--repo', 'alice/captioner', '--dir', dir, '--netuid', String(netuid)]);
    expect(r.code, r.stderr).toBe(0);
    const out = json(r.stdout);
    expect(r.stdout + r.stderr).not.toContain(token);
    const onChain = await getCommitment(client, { netuid, hotkey });
    expect(onChain?.text).toBe(out.commitment);
    const c = parseModelCommitment(String(out.commitment));
    expect(c).toMatchObject({
      namespace: 'alice',
      name: 'captioner',
      commit: out.revision,
      competition: 'o1',
    });
    expect(new TextDecoder().decode(hub.filesAt('alice/captioner', c.commit)?.get('hotkey.txt'))).toBe(
      `${hotkey}\n`,
    );
  });

  it('explains a chain refusal of the commitment and keeps the upload; --check-only needs neither', async () => {
    const dir = join(root, 'model2');
    await cp(tiny.dirs.noise, dir, { recursive: true });
    // Less per-epoch commitment space than one commitment: the runtime refuses it.
    await setStorage(client, { Commitments: { MaxSpace: '0x32000000' } }); // 50 bytes
    try {
      const r = await submit(['--repo', 'alice/second', '--dir', dir, '--netuid', String(netuid)]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/refused the commitment \(SpaceLimitExceeded\).*--commit-only/);
      expect(json(r.stdout)).toMatchObject({ error: { code: 'COMMITMENT_RATE_LIMITED' } });
      expect(hub.filesAt('alice/second')?.has('onnx/decoder_model_merged.onnx')).toBe(true);
    } finally {
      await setStorage(client, { Commitments: { MaxSpace: '0x1c0c0000' } });
    }
    const check = await submit(['--dir', dir, '--check-only']);
    expect(check.code, check.stderr).toBe(0);
    expect(json(check.stdout)).toMatchObject({ ok: true });
  });
});
