import { createHash, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { DashboardError } from '../dashboardError.js';

export interface AuthConfig {
  /** sha256 of the bearer token; undefined = no token (loopback only). */
  tokenDigest?: Buffer;
  /** Host header names accepted without a token (DNS-rebinding guard). */
  allowedHosts: ReadonlySet<string>;
}

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1') return true;
  return isIP(h) === 4 && h.startsWith('127.');
}

/**
 * Reads the bearer token (first line, at least 16 characters). The error names the file and what is
 * wrong, never the token. A token file others can read is reported through `warn`.
 */
export async function loadTokenDigest(file: string, warn?: (msg: string) => void): Promise<Buffer> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
    if (((await stat(file)).mode & 0o077) !== 0) {
      warn?.(`dashboard token file ${file} is readable by others; chmod 600 it`);
    }
  } catch (error) {
    throw new DashboardError('dashboard token file cannot be read', {
      file,
      code: (error as NodeJS.ErrnoException).code,
    });
  }
  const token = text.split(/\r?\n/)[0]!.trim();
  if (token.length < 16 || token.length > 4096 || /\s/.test(token)) {
    throw new DashboardError('dashboard token must be one line of 16 to 4096 non-space characters', { file });
  }
  return createHash('sha256').update(token).digest();
}

/** Hosts a loopback-only dashboard answers to: localhost names plus the bind address and extras. */
export function allowedHostSet(bindHost: string, extra: readonly string[] = []): Set<string> {
  return new Set(
    ['localhost', '127.0.0.1', '::1', bindHost, ...extra].map((h) => h.replace(/^\[|\]$/g, '').toLowerCase()),
  );
}

function hostName(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const m = /^\[([^\]]+)\](?::\d+)?$/.exec(header) ?? /^([^:]+)(?::\d+)?$/.exec(header);
  return m?.[1]?.toLowerCase();
}

export type AuthVerdict = { ok: true } | { ok: false; status: 401 | 403; message: string };

/** Bearer token when one is configured; otherwise the Host header must name this machine. */
export function authorize(req: IncomingMessage, auth: AuthConfig): AuthVerdict {
  if (auth.tokenDigest) {
    const m = /^Bearer ([^\s]{1,4096})$/.exec(req.headers.authorization ?? '');
    if (!m) return { ok: false, status: 401, message: 'bearer token required' };
    const digest = createHash('sha256').update(m[1]!).digest();
    return timingSafeEqual(digest, auth.tokenDigest)
      ? { ok: true }
      : { ok: false, status: 401, message: 'bearer token required' };
  }
  const host = hostName(req.headers.host);
  if (host === undefined || !auth.allowedHosts.has(host)) {
    return {
      ok: false,
      status: 403,
      message: 'unexpected Host header; open the dashboard as 127.0.0.1 or localhost',
    };
  }
  return { ok: true };
}
