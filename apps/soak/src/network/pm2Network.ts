import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DemoDaemonPlan } from '@taonode/cli/demoNetwork';
import { type Pm2Process, pm2List, runPm2 } from '@taonode/neuron';
import type { RestartPolicy } from './restartPolicy.js';

/** A demo daemon as the soak runs it: under pm2, with a fixed metrics port (kept across restarts). */
export interface SoakDaemon {
  plan: DemoDaemonPlan;
  metricsPort: number;
  logFile: string;
  /** Flags appended to the demo's (the last one wins). */
  extraArgs: string[];
  /** Modules loaded before the daemon (`node --import`), e.g. the ENOSPC simulation. */
  preload: string[];
  env: Record<string, string>;
}

/** pm2's app list for the soak's daemons, with the operators' restart policy. */
export function pm2Apps(daemons: readonly SoakDaemon[], repoRoot: string, policy: RestartPolicy) {
  return daemons.map((d) => ({
    name: d.plan.name,
    cwd: repoRoot,
    script: d.plan.script,
    interpreter: 'node',
    node_args: [...d.plan.execArgv, ...d.preload.flatMap((p) => ['--import', p])],
    args: [...d.plan.args, '--metrics.port', String(d.metricsPort), ...d.extraArgs],
    out_file: d.logFile,
    error_file: d.logFile,
    merge_logs: true,
    time: false,
    autorestart: true,
    ...policy,
    env: { NODE_ENV: 'production', ...d.env },
  }));
}

/** The soak's own pm2 (private PM2_HOME), never the user's. */
export class Pm2Network {
  private readonly env: NodeJS.ProcessEnv;

  constructor(
    private readonly repoRoot: string,
    private readonly workDir: string,
  ) {
    this.env = { PM2_HOME: join(workDir, '.pm2') };
  }

  async start(apps: readonly object[]): Promise<void> {
    const file = join(this.workDir, 'soak.ecosystem.json');
    await writeFile(file, `${JSON.stringify({ apps }, null, 2)}\n`);
    const r = await runPm2(this.repoRoot, ['start', file], this.env);
    if (r.code !== 0)
      throw new Error(`pm2 start failed (exit ${r.code}): ${r.stderr.trim() || r.stdout.trim()}`);
  }

  async list(): Promise<Map<string, Pm2Process>> {
    return new Map((await pm2List(this.repoRoot, this.env)).map((p) => [p.name, p]));
  }

  /** Stops every daemon (SIGINT, SIGKILL after kill_timeout) and pm2 itself. */
  async kill(): Promise<void> {
    await runPm2(this.repoRoot, ['kill'], this.env).catch(() => undefined);
  }
}
