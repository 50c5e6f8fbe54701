import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cliVersion } from './program.js';
import { runCli } from './testing/runCli.js';

const mainTs = fileURLToPath(new URL('./main.ts', import.meta.url));

async function inTurn<T>(jobs: (() => Promise<T>)[]): Promise<T[]> {
  const out: T[] = [];
  for (const job of jobs) out.push(await job());
  return out;
}

/** One `error: …` line on stderr and nothing else: what every refused command line must give. */
function expectOneErrorLine(stderr: string, pattern: RegExp): void {
  const lines = stderr.trimEnd().split('\n');
  expect(lines, stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^error: /);
  expect(lines[0]).toMatch(pattern);
}

describe('taonode CLI', () => {
  it('prints help listing the command groups, and its version', async () => {
    const [help, version] = await Promise.all([runCli(['--help']), runCli(['--version'])]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('wallet');
    expect(version.code).toBe(0);
    expect(version.stdout).toBe(`taonode ${cliVersion()}\n`);
    expect(cliVersion()).toMatch(/^\d+\.\d+\.\d+/);
  }, 120_000);

  it('refuses a bad command line with exit 2 and one line, not the whole help', async () => {
    // One after another: seven CLI start-ups at once can outlast a slow machine's patience.
    const [unknown, typo, badNetuid, emptyUid, badCommand, json, badName] = await inTurn([
      () => runCli(['metagraph', '--netuid', '2', '--bogus']),
      // A misspelt required flag is reported as the unknown flag it is, not as the missing one.
      () => runCli(['metagraph', '--netuidd', '2']),
      () => runCli(['metagraph', '--netuid', 'abc']),
      () => runCli(['weights', 'normalize', '--uids', '0,,1', '--weights', '1,2,3']),
      () => runCli(['bogus']),
      () => runCli(['metagraph', '--netuid', '70000', '--json']),
      () => runCli(['wallet', 'new-hotkey', '--wallet.name', 'w', '--wallet.hotkey', 'a/b']),
    ]);
    for (const r of [unknown, typo, badNetuid, emptyUid, badCommand, json, badName])
      expect(r.code, r.stderr).toBe(2);
    expectOneErrorLine(unknown.stderr, /unknown option '--bogus' — see: taonode metagraph --help$/);
    expectOneErrorLine(typo.stderr, /unknown option '--netuidd'/);
    expectOneErrorLine(
      badNetuid.stderr,
      /--netuid <n>' argument 'abc' is invalid\. must be an integer 0\.\.65535/,
    );
    expectOneErrorLine(emptyUid.stderr, /^error: --uids: entry 2 of "0,,1" is empty$/);
    expectOneErrorLine(badCommand.stderr, /unknown command 'bogus' — see: taonode --help$/);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'USAGE' } });
    expectOneErrorLine(badName.stderr, /^error: --wallet\.hotkey: invalid hotkey name "a\/b"/);
  }, 600_000);

  it('a group without its command shows the group help and exits 2', async () => {
    const r = await runCli(['localnet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('advance');
  }, 120_000);

  it('exits quietly when the reader of its output goes away (| head -1)', async () => {
    const child = spawn(
      process.execPath,
      [
        '--conditions=@taonode/source',
        '--import',
        'tsx',
        mainTs,
        'weights',
        'normalize',
        '--uids',
        '0,1,2',
        '--weights',
        '1,1,1',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    // The reader is gone before the CLI writes anything: its first write fails with EPIPE.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  }, 120_000);
});
