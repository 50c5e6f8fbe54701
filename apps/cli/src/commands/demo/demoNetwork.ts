import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type ChainClient, connect, type Localnet, startLocalnet } from '@taonode/chain';
import { findRepoRoot, TaonodeError } from '@taonode/kit';
import {
  DaemonProcess,
  freePort,
  neuronArgs,
  type ProvisionedNeuron,
  type ProvisionedSubnet,
  provisionSubnet,
} from '@taonode/neuron';
import { type DemoExtras, type DemoSubnet, demoSubnets } from './demoSubnets.js';

/**
 * The demo's network as data, for tools that run it their own way: `pnpm soak` (apps/soak) starts
 * the same daemons under pm2, with proxies in front of the chain and the axons. Every subnet of the
 * demo's list is included unless `subnets` picks, so a subnet that joins the demo joins the soak.
 */

/** The demo's subnets run at tempo 10 (see docs/demo.md); the same here. */
export const DEMO_TEMPO = 10;

export interface DemoNetworkSubnet {
  id: string;
  title: string;
  netuid: number;
  tempo: number;
  neurons: readonly ProvisionedNeuron[];
}

/** One daemon, exactly as `taonode demo` would start it (before any flag a caller appends). */
export interface DemoDaemonPlan {
  /** `<subnet>-<hotkey name>`, e.g. `sn2-miner1`: unique in the network. */
  name: string;
  subnet: string;
  netuid: number;
  role: 'miner' | 'validator';
  uid: number;
  hotkey: string;
  script: string;
  execArgv: string[];
  args: string[];
  stateDir: string;
  /** Miners: where the axon binds (`--axon.ip`/`--axon.port` in `args`). */
  axon?: { ip: string; port: number };
}

export interface DemoNetwork {
  localnet: Localnet;
  client: ChainClient;
  subnets: DemoNetworkSubnet[];
  repoRoot: string;
  /** The command line of every daemon, pointed at `endpoint` (the chain, or a proxy in front of it). */
  daemonPlans(endpoint: string): Promise<DemoDaemonPlan[]>;
  close(): Promise<void>;
}

export class DemoNetworkError extends TaonodeError {}

/**
 * Local chain, then every chosen subnet provisioned (wallet, subnet, registrations, stake) and its
 * one-off preparation finished, as `taonode demo` does; no daemon is started. A subnet's `extras`
 * (e.g. SN24's stand-in Focus marketplace) are started and their validator flags used; their
 * one-off `afterWeights` show is the demo's, not run here. `close()` stops them with the chain.
 */
export async function startDemoNetwork(options: {
  workDir: string;
  miners: number;
  /** Ids of the demo's subnets; default all. */
  subnets?: readonly string[];
  onProgress?: (step: string) => void;
}): Promise<DemoNetwork> {
  const progress = options.onProgress ?? (() => {});
  const repoRoot = findRepoRoot() ?? process.cwd();
  const all = demoSubnets();
  const chosen = all.filter((d) => options.subnets?.includes(d.id) ?? true);
  const unknown = options.subnets?.filter((id) => !all.some((d) => d.id === id)) ?? [];
  if (unknown.length > 0) {
    throw new DemoNetworkError(
      `unknown subnet '${unknown[0]}'; choose from ${all.map((d) => d.id).join(', ')}`,
    );
  }
  await mkdir(join(options.workDir, 'logs'), { recursive: true });
  // Started first so a slow one (SN2's circuit build) overlaps the chain set-up, as in the demo.
  const prepares = chosen.flatMap((def) => {
    const job = def.prepare?.();
    if (job === undefined) return [];
    const d = new DaemonProcess({
      name: `${def.id}-prepare`,
      ...job,
      cwd: repoRoot,
      logFile: join(options.workDir, 'logs', `${def.id}-prepare.log`),
    });
    d.start();
    return [{ def, job: d }];
  });
  let localnet: Localnet | undefined;
  let client: ChainClient | undefined;
  const extras = new Map<DemoSubnet, DemoExtras>();
  try {
    progress('starting the local chain (subtensor runtime in chopsticks)');
    localnet = await startLocalnet({ blockMode: 'Instant', blockTimeMs: 1_000 });
    // The chain shares the machine with every daemon of the demo: a slow answer is load, not a lost node.
    client = await connect({ chainEndpoint: localnet.url, timeoutMs: 120_000 });
    const provisioned = new Map<DemoSubnet, ProvisionedSubnet>();
    for (const def of chosen) {
      const started = await def.extras?.();
      if (started) extras.set(def, started);
      provisioned.set(
        def,
        await provisionSubnet(client, {
          walletPath: join(options.workDir, 'wallets'),
          walletName: `demo-${def.id}`,
          miners: options.miners,
          subnet: { tempo: DEMO_TEMPO },
          onProgress: (step) => progress(`${def.id}: ${step}`),
        }),
      );
    }
    for (const { def, job } of prepares) {
      if (job.running) progress(`${def.id}: waiting for its preparation step to finish`);
      const code = await job.waitForExit();
      if (code !== 0) {
        throw new DemoNetworkError(
          `${def.id}'s preparation exited with code ${code} (log: ${job.spec.logFile})`,
        );
      }
    }
    const chain = { localnet, client };
    return {
      ...chain,
      repoRoot,
      subnets: [...provisioned].map(([def, p]) => ({
        id: def.id,
        title: def.title,
        netuid: p.netuid,
        tempo: DEMO_TEMPO,
        neurons: p.neurons,
      })),
      daemonPlans: async (endpoint) => {
        const plans: DemoDaemonPlan[] = [];
        for (const [def, p] of provisioned) {
          plans.push(...(await plansOf(def, p, endpoint, options.workDir, extras.get(def))));
        }
        return plans;
      },
      close: async () => {
        await Promise.all([...extras.values()].map((e) => e.close()));
        await chain.client.close();
        await chain.localnet.close();
      },
    };
  } catch (error) {
    await Promise.all(prepares.map((p) => p.job.stop()));
    await Promise.all([...extras.values()].map((e) => e.close()));
    await client?.close();
    await localnet?.close();
    throw error;
  }
}

/** The flags `taonode demo` gives each daemon of one subnet (same order, so the same "last wins"). */
async function plansOf(
  def: DemoSubnet,
  p: ProvisionedSubnet,
  endpoint: string,
  workDir: string,
  extras: DemoExtras | undefined,
): Promise<DemoDaemonPlan[]> {
  const plans: DemoDaemonPlan[] = [];
  let minerIndex = 0;
  for (const n of p.neurons) {
    const stateDir = join(workDir, 'state', def.id, n.name);
    const launch = def.launch(n.role);
    const common = neuronArgs({ subnet: p, hotkey: n.name, endpoint, stateDir });
    const base = {
      name: `${def.id}-${n.name}`,
      subnet: def.id,
      netuid: p.netuid,
      role: n.role,
      uid: n.uid,
      hotkey: n.hotkey,
      script: launch.script,
      execArgv: launch.execArgv,
      stateDir,
    };
    if (n.role === 'validator') {
      plans.push({
        ...base,
        args: [
          ...launch.args,
          ...def.validatorArgs,
          ...common,
          ...['--neuron.step_interval', '1', '--neuron.timeout', '4'],
          ...['--neuron.moving_average_alpha', '0.3'],
          ...(extras?.validatorArgs ?? []),
        ],
      });
    } else {
      const axon = { ip: '127.0.0.2', port: await freePort('127.0.0.2') };
      const i = ++minerIndex;
      plans.push({
        ...base,
        axon,
        args: [
          ...launch.args,
          ...def.minerArgs(i),
          ...(extras?.minerArgs?.(i) ?? []),
          ...common,
          ...['--axon.ip', axon.ip, '--axon.port', String(axon.port)],
        ],
      });
    }
  }
  return plans;
}
