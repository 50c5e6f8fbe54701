import { readJsonLog } from './readJsonLog.js';

/** The port a daemon's /healthz and /metrics listen on, from its last start in `logFile`. */
export async function healthPortOf(logFile: string): Promise<number | undefined> {
  const lines = (await readJsonLog(logFile)).filter((l) => l.msg === 'health and metrics listening');
  const port = lines.at(-1)?.port;
  return typeof port === 'number' ? port : undefined;
}

/** GET /healthz of a running daemon; undefined while it does not answer. */
export async function healthOf(logFile: string): Promise<{ status: number; ok: boolean } | undefined> {
  const port = await healthPortOf(logFile);
  if (port === undefined) return undefined;
  try {
    const r = await fetch(`http://127.0.0.1:${port}/healthz`);
    const body = (await r.json()) as { ok?: unknown };
    return { status: r.status, ok: body.ok === true };
  } catch {
    return undefined;
  }
}

/**
 * The log shows this process losing the chain after `since` (ms) and connecting again later — a
 * reconnect inside the same process, not a restart.
 */
export async function reconnectedAfter(
  logFile: string,
  since: number,
): Promise<{ lostAt: number; backAt: number } | undefined> {
  const lines = await readJsonLog(logFile);
  const lost = lines.find((l) => l.msg === 'chain connection lost; reconnecting' && l.time >= since);
  if (!lost) return undefined;
  const back = lines.find((l) => l.msg === 'chain connected' && l.time > lost.time);
  return back ? { lostAt: lost.time, backAt: back.time } : undefined;
}
