import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fastKdfNodeOptions, installTestKdf, V2_KEY_HEX, V2_PASSWORD } from '@taonode/wallet/testing';
import sodium from 'libsodium-wrappers-sumo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, runCli } from '../../testing/runCli.js';
import { runWalletInProcess } from './testing/runWalletInProcess.js';

const V1 = {
  mnemonic: 'old leopard transfer rib spatial phone calm indicate online fire caution review',
  ss58: '5HDvhV6WDCjCKyrXqGQSDYqQAzkzabNhctmiDYEqgBC66BsX',
  publicKey: '0xe4359ad3e2716c539a1d663ebd0a51bdc5c98a12e663bb4c4402db47828c9446',
};
const SLOW = { timeout: 400_000 }; // several child processes per test on a shared 2-core machine

let root: string;
// Argon2i is replaced by a table in the child (V2's password still maps to its real key).
const env = (extra: NodeJS.ProcessEnv = {}) => ({
  NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} ${fastKdfNodeOptions}`.trim(),
  TAONODE_WALLET_PASSWORD: '',
  BT_WALLET_PATH: '',
  BT_WALLET_NAME: '',
  BT_WALLET_HOTKEY: '',
  TAONODE_DEBUG: '',
  ...extra,
});
const cli = (args: string[], options: { env?: NodeJS.ProcessEnv; input?: string } = {}) =>
  runCli(['wallet', ...args, '--wallet.path', root], {
    env: env(options.env),
    input: options.input,
    timeoutMs: 180_000,
  });
/** Same command in this process (fast; Argon2i replaced by the same table). No stdin. */
const inproc = (args: string[], extraEnv: NodeJS.ProcessEnv = {}) => {
  const { NODE_OPTIONS: _unused, ...rest } = env(extraEnv);
  return runWalletInProcess([...args, '--wallet.path', root], rest);
};
const readJson = async (file: string) => JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;

/** A failure is a non-zero exit and exactly one line on stderr, naming no secret. */
function expectOneLineError(r: CliResult, pattern: RegExp): void {
  expect(r.code).not.toBe(0);
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^error: /);
  expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toContain('leopard');
  expect(r.stderr).not.toContain(V2_PASSWORD);
}

let uninstallKdf: () => void;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'taonode-cli-wallet-'));
  await sodium.ready;
  uninstallKdf = installTestKdf();
});
afterAll(async () => {
  uninstallKdf();
  await rm(root, { recursive: true, force: true });
});

describe('taonode wallet (end to end)', () => {
  it(
    'regen-hotkey with the V1 mnemonic writes a hotkey whose ss58Address is the V1 address',
    SLOW,
    async () => {
      const r = await cli(['regen-hotkey', '--mnemonic', V1.mnemonic]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const file = join(root, 'default', 'hotkeys', 'default');
      expect((await readJson(file)).ss58Address).toBe(V1.ss58);
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect((await stat(join(root, 'default'))).mode & 0o777).toBe(0o700);
    },
  );

  it('new-coldkey encrypts with the password; the file opens with plain libsodium', SLOW, async () => {
    const r = await cli(['new-coldkey', '--json'], { env: { TAONODE_WALLET_PASSWORD: V2_PASSWORD } });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { coldkey: string; mnemonic: string; encrypted: boolean };
    expect(out.encrypted).toBe(true);
    expect(out.mnemonic.split(' ')).toHaveLength(12);
    const data = await readFile(join(root, 'default', 'coldkey'));
    expect(data.subarray(0, 5).toString()).toBe('$NACL');
    const plain = sodium.crypto_secretbox_open_easy(
      data.subarray(29),
      data.subarray(5, 29),
      Buffer.from(V2_KEY_HEX, 'hex'),
    );
    const json = JSON.parse(new TextDecoder().decode(plain)) as Record<string, string>;
    expect(json.ss58Address).toBe(out.coldkey);
    expect(json.secretPhrase).toBe(out.mnemonic);
    expect((await readJson(join(root, 'default', 'coldkeypub.txt'))).ss58Address).toBe(out.coldkey);
  });

  it('show --json is exactly { coldkey, hotkeys }', SLOW, async () => {
    const r = await cli(['show', '--json']);
    expect(r.code).toBe(0);
    const coldkey = (await readJson(join(root, 'default', 'coldkeypub.txt'))).ss58Address;
    expect(JSON.parse(r.stdout)).toEqual({ coldkey, hotkeys: { default: V1.ss58 } });
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('new-hotkey prints the mnemonic once, clearly marked; --n-words 24', SLOW, async () => {
    const r = await inproc(['new-hotkey', '--wallet.hotkey', 'miner2', '--n-words', '24']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/NEW HOTKEY 'MINER2' MNEMONIC \(24 words\)/);
    expect(r.stdout).toMatch(/store them offline/);
    const phrase = (await readJson(join(root, 'default', 'hotkeys', 'miner2'))).secretPhrase as string;
    expect(phrase.split(' ')).toHaveLength(24);
    expect(r.stdout.split(phrase)).toHaveLength(2);
    expect(r.stderr).not.toContain(phrase);
  });

  it('list --json', SLOW, async () => {
    const r = await inproc(['list', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { wallets: { name: string; hotkeys: Record<string, string> }[] };
    expect(out.wallets.map((w) => w.name)).toEqual(['default']);
    expect(Object.keys(out.wallets[0]!.hotkeys)).toEqual(['default', 'miner2']);
  });

  it('sign (hotkey) then verify: valid → 0, tampered → 1', SLOW, async () => {
    const s = await cli(['sign', '--message', 'hello taonode']);
    expect(s.code).toBe(0);
    const signature = s.stdout.trim();
    expect(signature).toMatch(/^0x[0-9a-f]{128}$/);
    const ok = await runWalletInProcess([
      'verify',
      '--message',
      'hello taonode',
      '--signature',
      signature,
      '--address',
      V1.ss58,
    ]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/valid/);
    const byKey = await runWalletInProcess([
      'verify',
      '--message',
      'hello taonode',
      '--signature',
      signature,
      '--public-key',
      V1.publicKey,
      '--json',
    ]);
    expect(JSON.parse(byKey.stdout)).toEqual({ valid: true, ss58Address: V1.ss58 });
    const bad = await runCli([
      'wallet',
      'verify',
      '--message',
      'hello taonodE',
      '--signature',
      signature,
      '--address',
      V1.ss58,
    ]);
    expectOneLineError(bad, /NOT valid/);
    expect(bad.code).toBe(1);
  });

  it('sign --use-coldkey with the password on stdin', SLOW, async () => {
    const r = await cli(['sign', '--use-coldkey', '--message', 'm', '--json'], { input: `${V2_PASSWORD}\n` });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { ss58Address: string; key: string };
    expect(out.key).toBe('coldkey');
    expect(out.ss58Address).toBe((await readJson(join(root, 'default', 'coldkeypub.txt'))).ss58Address);
  });

  it(
    'regen-coldkey reads the mnemonic from stdin when --mnemonic is omitted; --no-password writes plain JSON',
    SLOW,
    async () => {
      const r = await cli(['regen-coldkey', '--wallet.name', 'restored', '--no-password'], {
        input: `${V1.mnemonic}\n`,
      });
      expect(r.code).toBe(0);
      expect((await readJson(join(root, 'restored', 'coldkey'))).ss58Address).toBe(V1.ss58);
    },
  );

  it('regen-coldkeypub --ss58 makes a watch-only wallet', SLOW, async () => {
    const r = await inproc(['regen-coldkeypub', '--wallet.name', 'watch', '--ss58', V1.ss58, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).coldkey).toBe(V1.ss58);
    const show = await inproc(['show', '--wallet.name', 'watch', '--json']);
    expect(JSON.parse(show.stdout)).toEqual({ coldkey: V1.ss58, hotkeys: {} });
  });
});

describe('taonode wallet: bad input → exit != 0, one line', () => {
  const seed = async (name: string, file: string, content: string | Buffer, mode = 0o600) => {
    const path = join(root, name, file);
    await mkdir(join(path, '..'), { recursive: true });
    await writeFile(path, content, { mode });
    await chmod(path, mode);
    return path;
  };

  it('wrong password', SLOW, async () => {
    const r = await cli(['sign', '--use-coldkey', '--message', 'm'], {
      env: { TAONODE_WALLET_PASSWORD: 'not-the-password' },
    });
    expectOneLineError(r, /wrong password/);
  });

  it('missing wallet', SLOW, async () => {
    expectOneLineError(await inproc(['show', '--wallet.name', 'nope']), /wallet not found/);
    expectOneLineError(await inproc(['sign', '--wallet.name', 'nope', '--message', 'm']), /not found/);
  });

  it('existing file without --overwrite; with it the key is replaced', SLOW, async () => {
    expectOneLineError(await inproc(['regen-hotkey', '--mnemonic', V1.mnemonic]), /--overwrite/);
    const r = await inproc(['regen-hotkey', '--seed', `0x${'22'.repeat(32)}`, '--overwrite', '--json']);
    expect(r.code).toBe(0);
    expect((await readJson(join(root, 'default', 'hotkeys', 'default'))).ss58Address).toBe(
      JSON.parse(r.stdout).ss58Address,
    );
  });

  it('mnemonic with a bad checksum / unknown word', SLOW, async () => {
    const badChecksum = V1.mnemonic.replace('review', 'caution');
    expectOneLineError(
      await inproc(['regen-hotkey', '--wallet.name', 'x', '--mnemonic', badChecksum]),
      /checksum/,
    );
    const unknown = V1.mnemonic.replace('leopard', 'leopardd');
    const r = await inproc(['regen-hotkey', '--wallet.name', 'x', '--mnemonic', unknown]);
    expectOneLineError(r, /#2 not in the English BIP39 word list/);
    await expect(stat(join(root, 'x'))).rejects.toThrow();
  });

  it('world-readable keyfile', SLOW, async () => {
    const file = await seed('loose', 'hotkeys/default', JSON.stringify({ secretPhrase: V1.mnemonic }), 0o644);
    expectOneLineError(
      await inproc(['sign', '--wallet.name', 'loose', '--message', 'm']),
      new RegExp(`chmod 600 ${file}`),
    );
  });

  it('unreadable keyfile', SLOW, async () => {
    await mkdir(join(root, 'unreadable', 'hotkeys', 'default'), { recursive: true });
    expectOneLineError(
      await inproc(['sign', '--wallet.name', 'unreadable', '--message', 'm']),
      /cannot read keyfile/,
    );
  });

  it('corrupt JSON', SLOW, async () => {
    await seed('corrupt', 'hotkeys/default', '{"secretPhrase": "old leopard');
    expectOneLineError(await inproc(['sign', '--wallet.name', 'corrupt', '--message', 'm']), /corrupt/);
  });

  it('truncated encrypted file', SLOW, async () => {
    const data = await readFile(join(root, 'default', 'coldkey'));
    await seed('trunc', 'coldkey', data.subarray(0, 20));
    const r = await inproc(['sign', '--wallet.name', 'trunc', '--use-coldkey', '--message', 'm'], {
      TAONODE_WALLET_PASSWORD: V2_PASSWORD,
    });
    expectOneLineError(r, /truncated/);
  });

  it('legacy Ansible Vault / Fernet keyfiles name the btcli fix', SLOW, async () => {
    await seed('vault', 'coldkey', '$ANSIBLE_VAULT;1.1;AES256\n3132');
    const r = await inproc(['sign', '--wallet.name', 'vault', '--use-coldkey', '--message', 'm'], {
      TAONODE_WALLET_PASSWORD: 'x',
    });
    expectOneLineError(r, /Ansible Vault.*btcli wallet regen-coldkey/);
  });

  it('encrypting without any password source refuses (non-TTY, empty stdin)', SLOW, async () => {
    expectOneLineError(await cli(['new-coldkey', '--wallet.name', 'nopw']), /password is needed/);
    await expect(stat(join(root, 'nopw', 'coldkey'))).rejects.toThrow();
  });

  it('--json failures still print one JSON object', SLOW, async () => {
    const r = await inproc(['show', '--wallet.name', 'nope', '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).error.code).toBe('WALLET_NOT_FOUND');
  });

  it('bad --n-words and bad signature input', SLOW, async () => {
    const n = await inproc(['new-hotkey', '--n-words', '13']);
    expectOneLineError(n, /12, 15, 18, 21 or 24/);
    expect(n.code).toBe(2);
    const v = await runWalletInProcess([
      'verify',
      '--message',
      'm',
      '--signature',
      '0x12',
      '--address',
      V1.ss58,
    ]);
    expectOneLineError(v, /--signature/);
  });
});
