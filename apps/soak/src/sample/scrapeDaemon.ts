import { readdir, readFile } from 'node:fs/promises';
import { type DaemonSample, fromMetrics } from './daemonSample.js';
import { parsePromText } from './promText.js';

/**
 * One sample of a daemon: its /metrics page, with /proc as the fallback for RSS and open files when
 * the page does not answer (a daemon stuck in model work still has a /proc entry).
 */
export async function scrapeDaemon(args: {
  t: number;
  metricsPort: number;
  pid: number | undefined;
  restarts: number;
  served?: number;
  timeoutMs?: number;
}): Promise<DaemonSample> {
  const base = { t: args.t, pid: args.pid, restarts: args.restarts, served: args.served };
  try {
    const r = await fetch(`http://127.0.0.1:${args.metricsPort}/metrics`, {
      signal: AbortSignal.timeout(args.timeoutMs ?? 10_000),
    });
    if (!r.ok) throw new Error(`HTTP ${r.status}`);
    return { ...base, up: true, ...fromMetrics(parsePromText(await r.text())) };
  } catch {
    return { ...base, up: false, ...(args.pid === undefined ? {} : await fromProc(args.pid)) };
  }
}

/** RSS and open file descriptors of `pid` from /proc (Linux); nothing elsewhere. */
export async function fromProc(pid: number): Promise<Pick<DaemonSample, 'rssBytes' | 'openFds'>> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => undefined);
  const rssKb = status === undefined ? undefined : /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
  const fds = await readdir(`/proc/${pid}/fd`).catch(() => undefined);
  return {
    rssBytes: rssKb === undefined ? undefined : Number(rssKb) * 1024,
    openFds: fds?.length,
  };
}

/** GET /healthz: true when the daemon says it is healthy (200 and `ok: true`). */
export async function isHealthy(metricsPort: number): Promise<boolean> {
  try {
    const r = await fetch(`http://127.0.0.1:${metricsPort}/healthz`, { signal: AbortSignal.timeout(5_000) });
    const body: unknown = await r.json();
    return r.status === 200 && typeof body === 'object' && body !== null && 'ok' in body && body.ok === true;
  } catch {
    return false;
  }
}
