import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type DemoNetwork, startDemoNetwork } from '@taonode/cli/demoNetwork';
import { freePort, OutageProxy } from '@taonode/neuron';
import type { ChaosControls } from '../chaos/runFaults.js';
import { headBlock } from '../chaos/weightsSetLog.js';
import { AxonProxy } from './axonProxy.js';
import { Pm2Network, pm2Apps, type SoakDaemon } from './pm2Network.js';
import { type RestartPolicy, restartPolicy } from './restartPolicy.js';

export interface SoakNetwork {
  demo: DemoNetwork;
  /** pm2's restart settings the daemons run with (the operators', from ecosystem.config.js). */
  policy: RestartPolicy;
  daemons: SoakDaemon[];
  pm2: Pm2Network;
  /** Present with --chaos: what the faults act through. */
  controls?: ChaosControls;
  /** kill -9s sent per daemon (for the restart check). */
  kills: Map<string, number>;
  /** Requests a miner's axon answered with a 2xx so far, counted at its relay; undefined for validators. */
  served(daemon: string): number | undefined;
  /** Garbage answers sent per miner (for the report). */
  garbled(): Record<string, number>;
  close(): Promise<void>;
}

/**
 * The demo's network under pm2 (private PM2_HOME, the operators' restart policy). Each miner posts
 * the port of a relay on chain (the relay counts what it serves; with `chaos` it can turn the
 * answers to garbage). With `chaos`, the daemons also reach the chain through a proxy that can
 * vanish, and validators load the ENOSPC simulation.
 */
export async function startSoakNetwork(args: {
  workDir: string;
  miners: number;
  subnets?: readonly string[];
  chaos: boolean;
  seed: string;
  progress: (step: string) => void;
}): Promise<SoakNetwork> {
  const logDir = join(args.workDir, 'logs');
  const flagDir = join(args.workDir, 'chaos');
  await mkdir(flagDir, { recursive: true });
  const demo = await startDemoNetwork({
    workDir: args.workDir,
    miners: args.miners,
    subnets: args.subnets,
    onProgress: args.progress,
  });
  const chainProxy = args.chaos ? new OutageProxy('127.0.0.1', demo.localnet.port) : undefined;
  const axonProxies = new Map<string, AxonProxy>();
  const pm2 = new Pm2Network(demo.repoRoot, args.workDir);
  const close = async () => {
    await pm2.kill();
    await Promise.all([...axonProxies.values()].map((p) => p.stop()));
    await chainProxy?.stop();
    await demo.close();
  };
  try {
    await chainProxy?.start();
    const plans = await demo.daemonPlans(chainProxy?.url ?? demo.localnet.url);
    const daemons: SoakDaemon[] = [];
    for (const plan of plans) {
      const d: SoakDaemon = {
        plan,
        metricsPort: await freePort(),
        logFile: join(logDir, `${plan.name}.log`),
        extraArgs: [],
        preload: [],
        env: {},
      };
      if (plan.axon) {
        const target = { host: plan.axon.ip, port: plan.axon.port };
        const proxy = new AxonProxy(target, { host: plan.axon.ip, port: 0 }, `${args.seed}/${plan.name}`);
        await proxy.start();
        axonProxies.set(plan.name, proxy);
        d.extraArgs.push('--axon.external_port', String(proxy.listen.port));
      }
      if (args.chaos && plan.role === 'validator') {
        d.preload.push(enospcPreload());
        d.env.TAONODE_SOAK_ENOSPC_DIR = plan.stateDir;
        d.env.TAONODE_SOAK_ENOSPC_FLAG = join(flagDir, `${plan.name}.disk-full`);
      }
      daemons.push(d);
    }
    const policy = await restartPolicy(demo.repoRoot);
    await pm2.start(pm2Apps(daemons, demo.repoRoot, policy));
    const kills = new Map<string, number>();
    const byName = new Map(daemons.map((d) => [d.plan.name, d]));
    const controls: ChaosControls | undefined = chainProxy && {
      kill9: async (name) => {
        const pid = (await pm2.list()).get(name)?.pid;
        if (!pid) return undefined;
        process.kill(pid, 'SIGKILL');
        kills.set(name, (kills.get(name) ?? 0) + 1);
        return pid;
      },
      chainDown: () => chainProxy.stop(),
      chainUp: () => chainProxy.start(),
      garbage: (name, on) => {
        const proxy = axonProxies.get(name);
        if (proxy) proxy.garbage = on;
      },
      diskFull: async (name, on) => {
        const flag = byName.get(name)?.env.TAONODE_SOAK_ENOSPC_FLAG;
        if (flag === undefined) return;
        if (on) await writeFile(flag, 'disk full\n');
        else await rm(flag, { force: true });
      },
      head: () => headBlock(demo.client),
    };
    return {
      demo,
      policy,
      daemons,
      pm2,
      controls,
      kills,
      served: (name) => axonProxies.get(name)?.counts.served,
      garbled: () => Object.fromEntries([...axonProxies].map(([name, p]) => [name, p.counts.garbled])),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The ENOSPC simulation beside this module, built or (running from source) as TypeScript. */
function enospcPreload(): string {
  const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  return new URL(`../chaos/enospcPreload${ext}`, import.meta.url).href;
}
