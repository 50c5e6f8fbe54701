import { spawn } from 'node:child_process';
import { join } from 'node:path';

export interface Pm2Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the repo's pm2 (root devDependency) with its own PM2_HOME; never touches the user's pm2. */
export function runPm2(
  repoRoot: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs = 120_000,
): Promise<Pm2Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, 'node_modules', 'pm2', 'bin', 'pm2'), ...args], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

export interface Pm2Process {
  name: string;
  pid: number;
  status: string;
  restarts: number;
  exitCode: number | undefined;
  outLog: string;
}

/** `pm2 jlist`, reduced to what tests look at. */
export async function pm2List(repoRoot: string, env: NodeJS.ProcessEnv): Promise<Pm2Process[]> {
  const r = await runPm2(repoRoot, ['jlist'], env);
  const start = r.stdout.indexOf('[');
  const list = JSON.parse(start === -1 ? '[]' : r.stdout.slice(start)) as {
    name: string;
    pid: number;
    pm2_env: { status: string; restart_time: number; exit_code?: number; pm_out_log_path: string };
  }[];
  return list.map((p) => ({
    name: p.name,
    pid: p.pid,
    status: p.pm2_env.status,
    restarts: p.pm2_env.restart_time,
    exitCode: p.pm2_env.exit_code,
    outLog: p.pm2_env.pm_out_log_path,
  }));
}
