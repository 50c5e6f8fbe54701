import { homedir } from 'node:os';
import { join } from 'node:path';
import { KeyfilePermissionsError } from '@taonode/wallet';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { action } from './action.js';
import { CliError, EXIT } from './cliError.js';
import { reportError } from './errorReport.js';
import { confirm } from './prompt.js';
import { addWalletOptions, loadWalletFromOptions, walletLocation } from './walletOptions.js';

function capture() {
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  return {
    stderr: () => err.mock.calls.map((c) => String(c[0])).join(''),
    stdout: () => out.mock.calls.map((c) => String(c[0])).join(''),
  };
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  process.exitCode = undefined;
});

describe('reportError', () => {
  it('expected errors: one line with the hint, their exit code', () => {
    const io = capture();
    const code = reportError(new CliError('bad\nthing', { hint: 'do this', exitCode: 3 }));
    expect(code).toBe(3);
    expect(io.stderr()).toBe('error: bad thing — do this\n');
    expect(process.exitCode).toBe(3);
  });

  it('WalletError-like errors carry their hint', () => {
    const io = capture();
    reportError(new KeyfilePermissionsError('/w/hotkeys/a', 0o644));
    expect(io.stderr()).toMatch(
      /^error: keyfile \/w\/hotkeys\/a is readable by other users \(mode 0644\).* — run: chmod 600 \/w\/hotkeys\/a\n$/,
    );
  });

  it('unexpected errors: one line, no stack unless TAONODE_DEBUG=1', () => {
    vi.stubEnv('TAONODE_DEBUG', '');
    let io = capture();
    expect(reportError(new TypeError('boom'))).toBe(EXIT.INTERNAL);
    expect(io.stderr()).toBe(
      'error: unexpected failure: TypeError: boom — set TAONODE_DEBUG=1 for details\n',
    );
    vi.restoreAllMocks();
    vi.stubEnv('TAONODE_DEBUG', '1');
    io = capture();
    reportError(new TypeError('boom'));
    expect(io.stderr()).toContain('at ');
  });

  it('--json: an error object on stdout', () => {
    const io = capture();
    reportError(new CliError('nope', { code: 'X' }), { json: true });
    expect(JSON.parse(io.stdout())).toEqual({ error: { code: 'X', message: 'nope', hint: null } });
  });
});

describe('action()', () => {
  it('passes merged options and turns throws into an exit code', async () => {
    const io = capture();
    const program = new Command('t').exitOverride();
    let seen: unknown;
    program
      .command('x')
      .option('--json')
      .action(
        action(async (opts: { json?: boolean }) => {
          seen = opts;
          throw new CliError('failed here');
        }),
      );
    await program.parseAsync(['node', 't', 'x', '--json']);
    expect(seen).toEqual({ json: true });
    expect(process.exitCode).toBe(EXIT.FAILURE);
    expect(io.stderr()).toBe('error: failed here\n');
  });
});

describe('confirm()', () => {
  it('--yes skips the question; non-TTY without --yes refuses', async () => {
    await expect(confirm('Stake 1 TAO?', { yes: true })).resolves.toBe(true);
    await expect(confirm('Stake 1 TAO?')).rejects.toThrow(/not confirmed: Stake 1 TAO\?/);
  });
});

describe('wallet options', () => {
  it('flags, then env, then btcli defaults', () => {
    vi.stubEnv('BT_WALLET_PATH', '');
    vi.stubEnv('BT_WALLET_NAME', '');
    vi.stubEnv('BT_WALLET_HOTKEY', '');
    expect(walletLocation({})).toEqual({
      path: join(homedir(), '.bittensor', 'wallets'),
      name: 'default',
      hotkey: 'default',
    });
    vi.stubEnv('BT_WALLET_PATH', '/srv/w');
    vi.stubEnv('BT_WALLET_NAME', 'cold');
    vi.stubEnv('BT_WALLET_HOTKEY', 'hot');
    expect(walletLocation({})).toEqual({ path: '/srv/w', name: 'cold', hotkey: 'hot' });
    expect(walletLocation({ 'wallet.name': 'a', walletHotkey: 'b', 'wallet.path': '/x' })).toEqual({
      path: '/x',
      name: 'a',
      hotkey: 'b',
    });
  });

  it('addWalletOptions parses --wallet.* and btcli dash and underscore aliases', async () => {
    const program = new Command('t').exitOverride();
    let wallet: ReturnType<typeof loadWalletFromOptions> | undefined;
    addWalletOptions(program.command('x')).action((opts) => {
      wallet = loadWalletFromOptions(opts);
    });
    await program.parseAsync([
      'node',
      't',
      'x',
      '--wallet.path',
      '/p',
      '--wallet-name',
      'n',
      '--wallet.hotkey',
      'h',
    ]);
    expect(wallet?.dir).toBe('/p/n');
    expect(wallet?.hotkeyFile()).toBe('/p/n/hotkeys/h');
    const underscores = new Command('t').exitOverride();
    addWalletOptions(underscores.command('x')).action((opts) => {
      wallet = loadWalletFromOptions(opts);
    });
    await underscores.parseAsync([
      'node',
      't',
      'x',
      '--wallet_path',
      '/q',
      '--wallet_name',
      'm',
      '--wallet_hotkey',
      'k',
    ]);
    expect(wallet?.hotkeyFile()).toBe('/q/m/hotkeys/k');
  });
});
