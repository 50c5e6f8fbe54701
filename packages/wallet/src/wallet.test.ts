import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeEnvPassword, envPasswordVariable } from './envPassword.js';
import {
  InvalidMnemonicError,
  InvalidWalletNameError,
  KeyfileCorruptError,
  KeyfileExistsError,
  KeyfileNotFoundError,
  KeyfilePermissionsError,
  KeyfileTruncatedError,
  KeyfileUnreadableError,
  PasswordRequiredError,
  UnsupportedEncryptionError,
  UnsupportedKeyTypeError,
  WalletNotFoundError,
  WrongPasswordError,
} from './errors.js';
import { readKeyfile } from './keyfile.js';
import { testKdf, V2_PASSWORD } from './testing/testKdf.js';
import { listWallets, Wallet } from './wallet.js';

const V1 = {
  mnemonic: 'old leopard transfer rib spatial phone calm indicate online fire caution review',
  seed: '0xda3cf5b1e9144931a0f0db65664aab662673b099415a7f8121b7245fb0be4143',
  publicKey: '0xe4359ad3e2716c539a1d663ebd0a51bdc5c98a12e663bb4c4402db47828c9446',
  ss58: '5HDvhV6WDCjCKyrXqGQSDYqQAzkzabNhctmiDYEqgBC66BsX',
  privateKey:
    '0x1f1995bdf3a17b60626a26cfe6f564b337d46056b7a1281b64c649d592ccda0a9cffd34d9fb01cae1fba61aeed184c817442a2186d5172416729a4b54dd4b84e',
};

let root: string;
let wallet: Wallet;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'taonode-wallet-'));
  wallet = new Wallet({ path: root, name: 'w1', hotkey: 'h1', kdf: testKdf });
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const json = async (file: string) => JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
const mode = async (file: string) => (await stat(file)).mode & 0o777;

describe('Wallet layout and round trips', () => {
  it('regenerates a hotkey from the V1 mnemonic: exact btwallet JSON, 0600 files, 0700 folders', async () => {
    await wallet.regenerateHotkey({ mnemonic: V1.mnemonic });
    const file = join(root, 'w1', 'hotkeys', 'h1');
    expect(await json(file)).toEqual({
      accountId: V1.publicKey,
      publicKey: V1.publicKey,
      privateKey: V1.privateKey,
      secretPhrase: V1.mnemonic,
      secretSeed: V1.seed,
      ss58Address: V1.ss58,
      cryptoType: 1,
    });
    expect(await json(`${file}pub.txt`)).toEqual({
      accountId: V1.publicKey,
      publicKey: V1.publicKey,
      ss58Address: V1.ss58,
      cryptoType: 1,
    });
    expect(await mode(file)).toBe(0o600);
    expect(await mode(`${file}pub.txt`)).toBe(0o600);
    expect(await mode(join(root, 'w1'))).toBe(0o700);
    expect(await mode(join(root, 'w1', 'hotkeys'))).toBe(0o700);
    expect((await wallet.getHotkey()).ss58Address).toBe(V1.ss58);
    expect((await wallet.getHotkeypub()).ss58Address).toBe(V1.ss58);
    // No temp files left behind.
    expect((await readdir(join(root, 'w1', 'hotkeys'))).sort()).toEqual(['h1', 'h1pub.txt']);
  });

  it('encrypted coldkey round trip; coldkeypub.txt stays plain', async () => {
    const { keypair, mnemonic } = await wallet.createColdkey({ password: V2_PASSWORD });
    expect(mnemonic.split(' ')).toHaveLength(12);
    const raw = await readFile(wallet.coldkeyFile);
    expect(raw.subarray(0, 5).toString()).toBe('$NACL');
    expect(raw.includes(Buffer.from(mnemonic))).toBe(false);
    expect((await json(wallet.coldkeypubFile)).ss58Address).toBe(keypair.ss58Address);
    const loaded = await wallet.getColdkey({ password: V2_PASSWORD });
    expect(loaded.ss58Address).toBe(keypair.ss58Address);
    expect(loaded.toKeyfileData().secretPhrase).toBe(mnemonic);
    expect((await wallet.getColdkeypub()).hasSecret).toBe(false);
  });

  it('asks for the password through the provider, after BT_PW_* env', async () => {
    await wallet.regenerateColdkey({ mnemonic: V1.mnemonic }, { password: V2_PASSWORD });
    let asked = 0;
    const kp = await wallet.getColdkey({
      askPassword: () => {
        asked++;
        return V2_PASSWORD;
      },
    });
    expect(kp.ss58Address).toBe(V1.ss58);
    expect(asked).toBe(1);
    const env = {
      [envPasswordVariable(wallet.coldkeyFile)]: encodeEnvPassword(wallet.coldkeyFile, V2_PASSWORD),
    };
    const viaEnv = await readKeyfile(wallet.coldkeyFile, { env, kdf: testKdf, askPassword: () => 'wrong' });
    expect(viaEnv.ss58Address).toBe(V1.ss58);
  });

  it('BT_PW_ variable name follows btwallet', () => {
    expect(envPasswordVariable('/home/alice/.bittensor/wallets/default/coldkey')).toBe(
      'BT_PW__HOME_ALICE__BITTENSOR_WALLETS_DEFAULT_COLDKEY',
    );
  });

  it('n-words, seed and uri sources', async () => {
    const { mnemonic } = await wallet.createHotkey({ words: 24 });
    expect(mnemonic.split(' ')).toHaveLength(24);
    const w2 = new Wallet({ path: root, name: 'w2' });
    expect((await w2.regenerateColdkey({ seed: V1.seed })).ss58Address).toBe(V1.ss58);
    expect((await json(w2.coldkeyFile)).secretPhrase).toBeUndefined();
    expect((await w2.getColdkey()).ss58Address).toBe(V1.ss58);
    const derived = await w2.regenerateHotkey({ uri: '//Alice' });
    expect(derived.ss58Address).toBe('5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY');
    expect((await w2.getHotkey()).ss58Address).toBe(derived.ss58Address);
  });

  it('regen-coldkeypub writes a watch-only wallet', async () => {
    await wallet.regenerateColdkeypub({ ss58Address: V1.ss58 });
    expect((await wallet.getColdkeypub()).ss58Address).toBe(V1.ss58);
    await expect(wallet.getColdkey()).rejects.toBeInstanceOf(KeyfileNotFoundError);
  });

  it('lists wallets and hotkeys (watch-only hotkeys included, pub files folded)', async () => {
    await wallet.regenerateColdkeypub({ ss58Address: V1.ss58 });
    await wallet.createHotkey({ hotkey: 'b' });
    await wallet.createHotkey({ hotkey: 'a' });
    await writeFile(join(wallet.dir, 'hotkeys', 'watchpub.txt'), `{"ss58Address":"${V1.ss58}"}`, {
      mode: 0o600,
    });
    expect(await wallet.listHotkeys()).toEqual(['a', 'b', 'watch']);
    expect((await wallet.getHotkeypub('watch')).ss58Address).toBe(V1.ss58);
    await mkdir(join(root, 'empty'));
    expect(await listWallets(root)).toEqual(['w1']);
  });
});

describe('reading files written by other tools', () => {
  const write = async (file: string, content: string, fileMode = 0o600) => {
    await mkdir(join(file, '..'), { recursive: true });
    await writeFile(file, content, { mode: fileMode });
    await chmod(file, fileMode);
  };

  it('Python-era file with nulls; load priority phrase → seed → privateKey', async () => {
    const file = wallet.hotkeyFile();
    await write(
      file,
      JSON.stringify({
        accountId: V1.publicKey,
        publicKey: V1.publicKey,
        secretPhrase: null,
        secretSeed: V1.seed,
        privateKey: null,
        ss58Address: V1.ss58,
      }),
    );
    expect((await wallet.getHotkey()).ss58Address).toBe(V1.ss58);
    await write(
      file,
      JSON.stringify({ publicKey: V1.publicKey, privateKey: V1.privateKey, ss58Address: V1.ss58 }),
    );
    const fromPriv = await wallet.getHotkey();
    expect(fromPriv.ss58Address).toBe(V1.ss58);
    expect(fromPriv.verify('m', fromPriv.sign('m'))).toBe(true);
  });

  it('seed written as UTF-8 text after 0x (btwallet edge case)', async () => {
    const text = 'abcdefghijklmnopqrstuvwxyz012345';
    await write(wallet.hotkeyFile(), JSON.stringify({ secretSeed: `0x${text}` }));
    const kp = await wallet.getHotkey();
    expect(kp.hasSecret).toBe(true);
  });

  it.each([
    ['not json', '{"secretSeed": ', /not valid JSON/],
    ['wrong field type', '{"secretSeed": 5}', /secretSeed/],
    ['bad seed', '{"secretSeed": "0x1234"}', /secretSeed/],
    [
      'mismatched address',
      JSON.stringify({
        secretSeed: V1.seed,
        ss58Address: '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY',
      }),
      /does not match/,
    ],
    [
      'mismatched privateKey',
      JSON.stringify({ privateKey: V1.privateKey, publicKey: `0x${'11'.repeat(32)}` }),
      /does not belong/,
    ],
    ['no fields', '{}', /no key fields/],
    ['bad phrase', JSON.stringify({ secretPhrase: 'old leopard' }), /invalid mnemonic/],
  ])('corrupt keyfile: %s', async (_name, content, message) => {
    await write(wallet.hotkeyFile(), content);
    const err = await wallet.getHotkey().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KeyfileCorruptError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).not.toContain('leopard');
  });

  it('ed25519 keyfiles are refused clearly', async () => {
    await write(wallet.hotkeyFile(), JSON.stringify({ secretSeed: V1.seed, cryptoType: 0 }));
    await expect(wallet.getHotkey()).rejects.toBeInstanceOf(UnsupportedKeyTypeError);
  });

  it.each([
    ['$ANSIBLE_VAULT;1.1;AES256\n6162', /Ansible Vault/],
    ['gAAAAABkZXhhbXBsZQ==', /Fernet/],
  ])('legacy encryption is detected and named: %s', async (content, name) => {
    await write(wallet.coldkeyFile, content);
    const err = await wallet.getColdkey({ password: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnsupportedEncryptionError);
    expect((err as Error).message).toMatch(name);
    expect((err as UnsupportedEncryptionError).hint).toMatch(/btcli wallet regen-coldkey/);
  });
});

describe('bad input', () => {
  it('wrong password', async () => {
    await wallet.regenerateColdkey({ mnemonic: V1.mnemonic }, { password: V2_PASSWORD });
    await expect(wallet.getColdkey({ password: 'nope' })).rejects.toBeInstanceOf(WrongPasswordError);
  });

  it('encrypted file without any password source', async () => {
    await wallet.regenerateColdkey({ mnemonic: V1.mnemonic }, { password: V2_PASSWORD });
    await expect(wallet.getColdkey()).rejects.toBeInstanceOf(PasswordRequiredError);
  });

  it('truncated encrypted file', async () => {
    await wallet.regenerateColdkey({ mnemonic: V1.mnemonic }, { password: V2_PASSWORD });
    await truncate(wallet.coldkeyFile, 30);
    await expect(wallet.getColdkey({ password: V2_PASSWORD })).rejects.toBeInstanceOf(KeyfileTruncatedError);
    // Cut inside the ciphertext: the MAC fails, reported as wrong password or damaged file.
    await wallet.regenerateColdkey({ mnemonic: V1.mnemonic }, { password: V2_PASSWORD, overwrite: true });
    await truncate(wallet.coldkeyFile, 80);
    await expect(wallet.getColdkey({ password: V2_PASSWORD })).rejects.toThrow(/damaged/);
  });

  it('group/world-readable secret keyfile is refused with a chmod hint', async () => {
    await wallet.regenerateHotkey({ mnemonic: V1.mnemonic });
    await chmod(wallet.hotkeyFile(), 0o644);
    const err = await wallet.getHotkey().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KeyfilePermissionsError);
    expect((err as KeyfilePermissionsError).hint).toBe(`run: chmod 600 ${wallet.hotkeyFile()}`);
    // Public files are public: still readable.
    expect((await wallet.getHotkeypub()).ss58Address).toBe(V1.ss58);
  });

  it.skipIf(process.getuid?.() === 0)('unreadable keyfile', async () => {
    await wallet.regenerateHotkey({ mnemonic: V1.mnemonic });
    await chmod(wallet.hotkeyFile(), 0o000);
    await expect(wallet.getHotkey()).rejects.toBeInstanceOf(KeyfileUnreadableError);
  });

  it('unreadable keyfile (a folder where the file should be; works as root too)', async () => {
    await mkdir(wallet.hotkeyFile(), { recursive: true, mode: 0o700 });
    const err = await wallet.getHotkey().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KeyfileUnreadableError);
    expect((err as Error).message).toMatch(/it is a directory/);
  });

  it('missing wallet / keyfile', async () => {
    await expect(wallet.getColdkeypub()).rejects.toBeInstanceOf(WalletNotFoundError);
    await expect(wallet.getHotkey()).rejects.toBeInstanceOf(KeyfileNotFoundError);
  });

  it('existing file needs overwrite; nothing is replaced without it', async () => {
    await wallet.regenerateHotkey({ mnemonic: V1.mnemonic });
    const before = await readFile(wallet.hotkeyFile(), 'utf8');
    await expect(wallet.createHotkey()).rejects.toBeInstanceOf(KeyfileExistsError);
    expect(await readFile(wallet.hotkeyFile(), 'utf8')).toBe(before);
    const { keypair } = await wallet.createHotkey({ overwrite: true });
    expect((await wallet.getHotkey()).ss58Address).toBe(keypair.ss58Address);
    expect(await readdir(join(wallet.dir, 'hotkeys'))).toHaveLength(2);
  });

  it('bad mnemonic writes nothing', async () => {
    await expect(
      wallet.regenerateHotkey({ mnemonic: V1.mnemonic.replace('review', 'zoo') }),
    ).rejects.toBeInstanceOf(InvalidMnemonicError);
    expect(await wallet.exists()).toBe(false);
  });

  it('names cannot escape the wallet folder', () => {
    expect(() => new Wallet({ path: root, name: '../x' })).toThrow(InvalidWalletNameError);
    expect(() => new Wallet({ path: root, hotkey: '.hidden' })).toThrow(InvalidWalletNameError);
  });
});
