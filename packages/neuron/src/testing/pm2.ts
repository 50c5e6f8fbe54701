import { join } from 'node:path';
import { runProcess } from '@taonode/kit';

export interface Pm2Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the repo's pm2 (root devDependency) with its own PM2_HOME; never touches the user's pm2. */
export async function runPm2(
  repoRoot: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs = 120_000,
): Promise<Pm2Result> {
  const r = await runProcess(
    process.execPath,
    [join(repoRoot, 'node_modules', 'pm2', 'bin', 'pm2'), ...args],
    {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      timeoutMs,
    },
  );
  if (r.spawnError) throw r.spawnError;
  return { code: r.exitCode ?? -1, stdout: r.stdout.toString('utf8'), stderr: r.stderr };
}

export interface Pm2Process {
  name: string;
  pid: number;
  status: string;
  restarts: number;
  exitCode: number | undefined;
  outLog: string;
  /** stderr: where a daemon's one-line refusal at start goes. */
  errLog: string;
}

/** `pm2 jlist`, reduced to what tests look at. */
export async function pm2List(repoRoot: string, env: NodeJS.ProcessEnv): Promise<Pm2Process[]> {
  const r = await runPm2(repoRoot, ['jlist'], env);
  const start = r.stdout.indexOf('[');
  const list = JSON.parse(start === -1 ? '[]' : r.stdout.slice(start)) as {
    name: string;
    pid: number;
    pm2_env: {
      status: string;
      restart_time: number;
      exit_code?: number;
      pm_out_log_path: string;
      pm_err_log_path: string;
    };
  }[];
  return list.map((p) => ({
    name: p.name,
    pid: p.pid,
    status: p.pm2_env.status,
    restarts: p.pm2_env.restart_time,
    exitCode: p.pm2_env.exit_code,
    outLog: p.pm2_env.pm_out_log_path,
    errLog: p.pm2_env.pm_err_log_path,
  }));
}
