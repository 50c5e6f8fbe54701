/**
 * Idle memory of a test-subnet miner and validator (no models): resident set size after they have
 * settled on a local chain. Runs the built daemons (dist/, as pm2 does) when present, else sources.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeBenchResult } from '@taonode/bench';
import { connect, startLocalnet } from '@taonode/chain';
import { findRepoRoot, sleep } from '@taonode/kit';
import { DaemonProcess } from './testing/daemonProcess.js';
import { freePort } from './testing/freePort.js';
import { provisionSubnet } from './testing/provisionSubnet.js';
import { readJsonLog } from './testing/readJsonLog.js';
import { waitFor } from './testing/waitFor.js';

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round((kb / 1024) * 10) / 10;
}

const repoRoot = findRepoRoot() ?? process.cwd();
const dist = fileURLToPath(new URL('../dist/testSubnet/main.js', import.meta.url));
const fromDist = existsSync(dist);
const script = fromDist ? dist : fileURLToPath(new URL('./testSubnet/main.ts', import.meta.url));
const execArgv = fromDist ? [] : ['--conditions=@taonode/source', '--import', 'tsx'];
const workDir = mkdtempSync(join(tmpdir(), 'neuron-rss-'));

const localnet = await startLocalnet({ blockMode: 'Instant', blockTimeMs: 1_000 });
const client = await connect({ chainEndpoint: localnet.url });
const subnet = await provisionSubnet(client, { walletPath: join(workDir, 'wallets'), miners: 1 });
const daemon = (name: string, args: string[]) =>
  new DaemonProcess({
    name,
    script,
    execArgv,
    cwd: repoRoot,
    logFile: join(workDir, `${name}.log`),
    args: [
      '--netuid',
      String(subnet.netuid),
      '--wallet.name',
      subnet.walletName,
      '--wallet.path',
      subnet.walletPath,
      '--wallet.hotkey',
      name,
      '--subtensor.chain_endpoint',
      localnet.url,
      '--metrics.port',
      '0',
      '--logging.format',
      'json',
      '--neuron.state_dir',
      join(workDir, 'state', name),
      ...args,
    ],
  });
const miner = daemon('miner1', [
  '--role',
  'miner',
  '--axon.ip',
  '127.0.0.2',
  '--axon.port',
  String(await freePort('127.0.0.2')),
]);
const validator = daemon('validator', ['--role', 'validator']);
try {
  miner.start();
  validator.start();
  await waitFor(
    'both daemons up',
    async () => {
      const m = await readJsonLog(miner.spec.logFile);
      const v = await readJsonLog(validator.spec.logFile);
      return m.some((l) => l.msg.startsWith('axon info')) && v.some((l) => l.msg === 'registered');
    },
    { timeoutMs: 180_000 },
  );
  await sleep(30_000);
  const samples: { miner: number; validator: number }[] = [];
  for (let i = 0; i < 5; i++) {
    samples.push({ miner: rssMiB(miner.pid!), validator: rssMiB(validator.pid!) });
    await sleep(2_000);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  writeBenchResult('neuron-idle-rss', {
    runs: fromDist ? 'dist (node, as under pm2)' : 'src (node + tsx loader; dist would be lower)',
    note: 'RSS 30 s after start, median of 5 samples 2 s apart; validator stepping every 5 s against one miner',
    minerRssMiB: median(samples.map((s) => s.miner)),
    validatorRssMiB: median(samples.map((s) => s.validator)),
    samples,
  });
} finally {
  await Promise.all([miner.stop(), validator.stop()]);
  await client.close();
  await localnet.close();
}
process.exit(0);
