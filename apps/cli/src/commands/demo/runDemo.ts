import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ChainClient, connect, type Localnet, startLocalnet } from '@taonode/chain';
import { findRepoRoot, sleep } from '@taonode/kit';
import {
  DaemonProcess,
  freePort,
  loadValidatorState,
  neuronArgs,
  type ProvisionedSubnet,
  provisionSubnet,
  readJsonLog,
} from '@taonode/neuron';
import { type DemoExtras, type DemoSubnet, demoSubnets } from './demoSubnets.js';
import { type DemoRow, formatDemoTable } from './demoTable.js';
import { readChainWeights } from './readChainWeights.js';

export interface DemoOptions {
  keep: boolean;
  miners: number;
  timeoutS: number;
  dir?: string;
  /** Ids from `demoSubnets()` to run; default all. */
  subnets?: readonly string[];
  out: (line: string) => void;
  /** Resolves when the user wants a `--keep` demo to stop (Ctrl-C). */
  untilStopped?: () => Promise<void>;
}

interface RunningSubnet {
  def: DemoSubnet;
  provisioned: ProvisionedSubnet;
  daemons: DaemonProcess[];
  validatorStateDir: string;
  extras?: DemoExtras;
}

/** Local chain → subnets → registered, staked neurons → daemons → weights on chain → table. */
export async function runDemo(options: DemoOptions): Promise<number> {
  const { out } = options;
  const started = Date.now();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
  const workDir = options.dir ?? (await mkdtemp(join(tmpdir(), 'taonode-demo-')));
  await mkdir(workDir, { recursive: true });
  const repoRoot = findRepoRoot() ?? process.cwd();
  let localnet: Localnet | undefined;
  let client: ChainClient | undefined;
  const subnets: RunningSubnet[] = [];
  const chosen = demoSubnets().filter((d) => options.subnets?.includes(d.id) ?? true);
  await mkdir(join(workDir, 'logs'), { recursive: true });
  // Started first so a slow one-off job (SN2's circuit build) overlaps the chain set-up.
  const prepares = new Map(chosen.flatMap((def) => startPrepare(def, workDir, repoRoot)));
  const cleanup = async () => {
    await Promise.all([...prepares.values()].map((p) => p.stop()));
    await Promise.all(subnets.flatMap((s) => s.daemons.map((d) => d.stop())));
    await Promise.all(subnets.map((s) => s.extras?.close()));
    await client?.close();
    await localnet?.close();
  };
  try {
    out(`[${elapsed()}] starting the local chain (subtensor runtime in chopsticks)…`);
    localnet = await startLocalnet({ blockMode: 'Instant', blockTimeMs: 1_000 });
    out(`[${elapsed()}] chain up at ${localnet.url} (spec ${localnet.specVersion}); work folder ${workDir}`);
    // The chain shares the machine with every daemon of the demo: a slow answer is load, not a lost node.
    client = await connect({ chainEndpoint: localnet.url, timeoutMs: 120_000 });
    for (const def of chosen) {
      const provisioned = await provisionSubnet(client, {
        walletPath: join(workDir, 'wallets'),
        walletName: `demo-${def.id}`,
        miners: options.miners,
        subnet: { tempo: 10 },
        onProgress: (step) => out(`[${elapsed()}] ${def.id}: ${step}`),
      });
      await finishPrepare(def, prepares.get(def.id), (step) => out(`[${elapsed()}] ${def.id}: ${step}`));
      const extras = await def.extras?.();
      subnets.push({ ...(await launch(def, provisioned, localnet.url, workDir, repoRoot, extras)), extras });
      out(`[${elapsed()}] ${def.id}: daemons started (logs in ${join(workDir, 'logs')})`);
    }
    const dashboards = await dashboardUrls(subnets.flatMap((s) => s.daemons));
    out(`[${elapsed()}] dashboards (each daemon's metrics port, 127.0.0.1 only):`);
    for (const line of formatDashboards(dashboards)) out(line);
    out(
      `[${elapsed()}] waiting for the validators' weights to land on chain (first epoch gives the permit)…`,
    );
    const deadline = started + options.timeoutS * 1000;
    const rows: DemoRow[] = [];
    for (const subnet of subnets) {
      rows.push(...(await waitForWeights(client, subnet, deadline)));
      out(`[${elapsed()}] ${subnet.def.id}: weights are on chain`);
    }
    out('');
    out(formatDemoTable(rows));
    out('');
    for (const s of subnets) {
      await s.extras?.afterWeights({
        client,
        subnet: s.provisioned,
        scores: () => validatorScores(s),
        out: (line) => out(`[${elapsed()}] ${s.def.id}: ${line}`),
        deadline,
        workDir,
        validatorLog: join(workDir, 'logs', `${s.def.id}-validator.log`),
      });
    }
    out(`demo finished in ${elapsed()}`);
    if (options.keep) {
      out(
        `--keep: chain at ${localnet.url}, wallets in ${join(workDir, 'wallets')}, logs in ${join(workDir, 'logs')}`,
      );
      out('dashboards:');
      for (const line of formatDashboards(dashboards)) out(line);
      out('everything keeps running; press Ctrl-C to stop');
      await (options.untilStopped ?? never)();
    }
    return 0;
  } catch (error) {
    out(`demo failed after ${elapsed()}: ${error instanceof Error ? error.message : String(error)}`);
    for (const d of [...prepares.values(), ...subnets.flatMap((s) => s.daemons)]) {
      const log = await readFile(d.spec.logFile, 'utf8').catch(() => '');
      out(`--- last lines of ${d.spec.name} (${d.spec.logFile})\n${log.split('\n').slice(-15).join('\n')}`);
    }
    return 1;
  } finally {
    await cleanup();
    if (!options.keep && options.dir === undefined) await rm(workDir, { recursive: true, force: true });
  }
}

/** The subnet's one-off job as a child process, logged beside the daemons; none when it has none. */
function startPrepare(def: DemoSubnet, workDir: string, repoRoot: string): [string, DaemonProcess][] {
  const job = def.prepare?.();
  if (job === undefined) return [];
  const d = new DaemonProcess({
    name: `${def.id}-prepare`,
    ...job,
    cwd: repoRoot,
    logFile: join(workDir, 'logs', `${def.id}-prepare.log`),
  });
  d.start();
  return [[def.id, d]];
}

async function finishPrepare(
  def: DemoSubnet,
  job: DaemonProcess | undefined,
  progress: (step: string) => void,
): Promise<void> {
  if (job === undefined) return;
  if (job.running) progress('waiting for its preparation step to finish…');
  const code = await job.waitForExit();
  if (code !== 0)
    throw new Error(`${def.id}'s preparation exited with code ${code} (log: ${job.spec.logFile})`);
}

/**
 * Each daemon's dashboard address, from its `dashboard serving` log line (the metrics port is picked
 * by the OS). A daemon that has not logged it within a minute is listed without one.
 */
async function dashboardUrls(daemons: readonly DaemonProcess[]): Promise<[string, string | undefined][]> {
  const deadline = Date.now() + 60_000;
  return Promise.all(
    daemons.map(async (d): Promise<[string, string | undefined]> => {
      for (;;) {
        const line = (await readJsonLog(d.spec.logFile)).findLast((l) => l.msg === 'dashboard serving');
        if (typeof line?.url === 'string') return [d.spec.name, line.url];
        if (!d.running || Date.now() > deadline) return [d.spec.name, undefined];
        await sleep(500);
      }
    }),
  );
}

function formatDashboards(urls: readonly [string, string | undefined][]): string[] {
  const width = Math.max(...urls.map(([name]) => name.length));
  return urls.map(([name, url]) => `  ${name.padEnd(width)}  ${url ?? '(no dashboard: see its log)'}`);
}

function never(): Promise<void> {
  return new Promise(() => {});
}

async function launch(
  def: DemoSubnet,
  p: ProvisionedSubnet,
  endpoint: string,
  workDir: string,
  repoRoot: string,
  extras: DemoExtras | undefined,
): Promise<RunningSubnet> {
  const common = (name: string) =>
    neuronArgs({ subnet: p, hotkey: name, endpoint, stateDir: join(workDir, 'state', def.id, name) });
  const daemons: DaemonProcess[] = [];
  let minerIndex = 0;
  for (const n of p.neurons) {
    const launch = def.launch(n.role);
    const args =
      n.role === 'validator'
        ? [
            ...launch.args,
            ...def.validatorArgs,
            ...common(n.name),
            '--neuron.step_interval',
            '1',
            '--neuron.timeout',
            '4',
            '--neuron.moving_average_alpha',
            '0.3',
            ...(extras?.validatorArgs ?? []),
          ]
        : [
            ...launch.args,
            ...def.minerArgs(++minerIndex),
            ...(extras?.minerArgs?.(minerIndex) ?? []),
            ...common(n.name),
            '--axon.ip',
            '127.0.0.2',
            '--axon.port',
            String(await freePort('127.0.0.2')),
          ];
    const d = new DaemonProcess({
      name: `${def.id}-${n.name}`,
      script: launch.script,
      execArgv: launch.execArgv,
      args,
      cwd: repoRoot,
      logFile: join(workDir, 'logs', `${def.id}-${n.name}.log`),
    });
    d.start();
    daemons.push(d);
  }
  return { def, provisioned: p, daemons, validatorStateDir: join(workDir, 'state', def.id, 'validator') };
}

async function waitForWeights(client: ChainClient, s: RunningSubnet, deadline: number): Promise<DemoRow[]> {
  const validator = s.provisioned.neurons.find((n) => n.role === 'validator')!;
  const miners = s.provisioned.neurons.filter((n) => n.role === 'miner');
  for (;;) {
    const dead = s.daemons.find((d) => !d.running);
    if (dead) throw new Error(`${dead.spec.name} exited with code ${dead.exitCode}`);
    const weights = await readChainWeights(client, s.provisioned.netuid, validator.uid).catch(
      () => new Map(),
    );
    // Cheaters on purpose (SN30's) are meant to end near 0: only the honest ones must have weight.
    const honest = miners.slice(0, s.def.honestMiners ?? miners.length);
    if (weights.size > 0 && honest.every((m) => (weights.get(m.uid) ?? 0) > 0)) {
      const scores = await validatorScores(s);
      const total = [...weights.values()].reduce((a, b) => a + b, 0) || 1;
      return s.provisioned.neurons.map((n) => ({
        subnet: s.def.id,
        netuid: s.provisioned.netuid,
        uid: n.uid,
        role: n.role,
        hotkey: n.hotkey,
        score: n.role === 'miner' ? (scores[n.uid] ?? 0) : null,
        weight: n.role === 'miner' ? (weights.get(n.uid) ?? 0) / total : null,
      }));
    }
    if (Date.now() > deadline) throw new Error(`no weights from ${s.def.id}'s validator before the timeout`);
    await sleep(2_000);
  }
}

/** The validator's scores from its state file (empty before its first step). */
async function validatorScores(s: RunningSubnet): Promise<number[]> {
  const validator = s.provisioned.neurons.find((n) => n.role === 'validator')!;
  const state = await loadValidatorState(s.validatorStateDir, {
    netuid: s.provisioned.netuid,
    hotkey: validator.hotkey,
  });
  return state.kind === 'loaded' ? state.state.scores : [];
}
