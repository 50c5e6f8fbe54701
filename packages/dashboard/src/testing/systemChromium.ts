import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Flags for Debian's Chromium in a closed network: without the background-networking ones it keeps
 * dialling Google services and the sandbox refuses to run as root in a container.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

/**
 * The system Chromium, installed from Debian (apt-get, as root) when it is missing. Never a
 * browser download: playwright-core only drives it. Returns why not when it cannot be had.
 */
export function ensureChromium(): { path: string } | { skip: string } {
  if (existsSync(CHROMIUM_PATH)) return { path: CHROMIUM_PATH };
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (!isRoot || !hasApt) {
    return { skip: `no ${CHROMIUM_PATH}, and apt-get as root is not available to install Debian's chromium` };
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (args: string[]) =>
    spawnSync('apt-get', args, { env, stdio: 'ignore', timeout: 600_000 }).status === 0;
  if (!run(['install', '-y', '-qq', '--no-install-recommends', 'chromium'])) {
    run(['update', '-qq']);
    run(['install', '-y', '-qq', '--no-install-recommends', 'chromium']);
  }
  return existsSync(CHROMIUM_PATH)
    ? { path: CHROMIUM_PATH }
    : { skip: "apt-get could not install Debian's chromium (no package source reachable?)" };
}
