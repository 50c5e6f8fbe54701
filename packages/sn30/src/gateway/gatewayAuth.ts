import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { NonceWindow } from '@taonode/transport';
import { isSs58Address, verifySignature } from '@taonode/wallet';
import { Sn30Error } from '../errors.js';

/** Who may send user requests: applications holding an API key, or hotkeys on an allow-list. */
export interface GatewayAuthOptions {
  /** API keys (at least 24 characters each). */
  apiKeys?: readonly string[];
  /** ss58 hotkeys allowed to send signed requests. */
  allowedHotkeys?: readonly string[];
  /** The validator's own hotkey: signed requests are addressed to it. */
  validatorHotkey: string;
  /** How old a signed request's nonce may be, seconds (default 60). */
  maxNonceAgeS?: number;
  nowNs?: () => bigint;
}

export const HEADER_HOTKEY = 'x-sn30-hotkey';
export const HEADER_NONCE = 'x-sn30-nonce';
export const HEADER_SIGNATURE = 'x-sn30-signature';

/** What a signed request's hotkey signs: nonce, its hotkey, the validator's hotkey, sha256 of the body. */
export function gatewaySignatureMessage(o: {
  nonce: string;
  hotkey: string;
  validatorHotkey: string;
  body: Uint8Array | string;
}): string {
  const bodyHash = createHash('sha256').update(o.body).digest('hex');
  return `${o.nonce}.${o.hotkey}.${o.validatorHotkey}.${bodyHash}`;
}

export type AuthResult = { ok: true; caller: string } | { ok: false; status: 401 | 403; reason: string };

/** The gateway's key file could not be read or holds a bad entry. */
export class GatewayConfigError extends Sn30Error {
  constructor(reason: string, hint: string) {
    super('SN30_GATEWAY_CONFIG', reason, hint);
  }
}

const MIN_KEY = 24;

/**
 * Reads an API key file: one key per line, optionally `name key` (the name is what logs show, never
 * the key); blank lines and `#` comments are skipped.
 */
export function readApiKeyFile(path: string): { name: string; key: string }[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new GatewayConfigError(
      `cannot read the API key file ${path} (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
      'create it with one key per line (`name key`), or leave --sn30.gateway_api_keys unset',
    );
  }
  const out: { name: string; key: string }[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const parts = line.split(/\s+/);
    const key = parts.at(-1)!;
    const name = parts.length > 1 ? parts.slice(0, -1).join(' ') : `key${i + 1}`;
    if (key.length < MIN_KEY)
      throw new GatewayConfigError(
        `API key on line ${i + 1} of ${path} is shorter than ${MIN_KEY} characters`,
        'use long random keys, e.g. `openssl rand -hex 24`',
      );
    out.push({ name, key });
  });
  return out;
}

/**
 * Checks a request's credentials: `authorization: Bearer <key>` against the API keys (compared as
 * sha256 digests in constant time), or the three `x-sn30-*` headers of a signed request from an
 * allowed hotkey (sr25519 over `nonce.hotkey.validatorHotkey.sha256(body)`, nonce = wall-clock ns,
 * increasing per hotkey and at most `maxNonceAgeS` old, so a request cannot be replayed).
 */
export class GatewayAuth {
  private readonly keys: { name: string; digest: Buffer }[];
  private readonly hotkeys: ReadonlySet<string>;
  private readonly nonces: NonceWindow;
  private readonly maxAgeS: number;

  constructor(private readonly options: GatewayAuthOptions & { keyNames?: readonly string[] }) {
    this.keys = (options.apiKeys ?? []).map((key, i) => ({
      name: options.keyNames?.[i] ?? `key${i + 1}`,
      digest: createHash('sha256').update(key).digest(),
    }));
    for (const h of options.allowedHotkeys ?? []) {
      if (!isSs58Address(h))
        throw new GatewayConfigError(
          `"${h}" is not an ss58 hotkey`,
          'list ss58 addresses in --sn30.gateway_hotkeys',
        );
    }
    this.hotkeys = new Set(options.allowedHotkeys ?? []);
    this.maxAgeS = options.maxNonceAgeS ?? 60;
    this.nonces = new NonceWindow({
      maxEndpoints: 10_000,
      ...(options.nowNs ? { nowNs: options.nowNs } : {}),
    });
  }

  /** Whether anyone at all can get in (a gateway without credentials refuses everything). */
  get open(): boolean {
    return this.keys.length > 0 || this.hotkeys.size > 0;
  }

  check(headers: Record<string, string | string[] | undefined>, body: Uint8Array): AuthResult {
    const auth = header(headers, 'authorization');
    if (auth !== undefined) {
      const m = /^Bearer\s+(\S+)$/i.exec(auth);
      if (m === null) return { ok: false, status: 401, reason: 'authorization must be "Bearer <api key>"' };
      const digest = createHash('sha256').update(m[1]!).digest();
      const hit = this.keys.find((k) => timingSafeEqual(k.digest, digest));
      return hit
        ? { ok: true, caller: `key:${hit.name}` }
        : { ok: false, status: 401, reason: 'unknown API key' };
    }
    const hotkey = header(headers, HEADER_HOTKEY);
    const nonce = header(headers, HEADER_NONCE);
    const signature = header(headers, HEADER_SIGNATURE);
    if (hotkey === undefined || nonce === undefined || signature === undefined) {
      return {
        ok: false,
        status: 401,
        reason: `send "authorization: Bearer <api key>" or the ${HEADER_HOTKEY}, ${HEADER_NONCE} and ${HEADER_SIGNATURE} headers`,
      };
    }
    if (!/^\d{1,20}$/.test(nonce))
      return { ok: false, status: 401, reason: `${HEADER_NONCE} must be wall-clock nanoseconds` };
    // The allow-list first: a stranger's request costs no signature check.
    if (!this.hotkeys.has(hotkey))
      return { ok: false, status: 403, reason: `hotkey ${hotkey} is not allowed` };
    const message = gatewaySignatureMessage({
      nonce,
      hotkey,
      validatorHotkey: this.options.validatorHotkey,
      body,
    });
    if (!verifySignature(message, signature, hotkey))
      return { ok: false, status: 401, reason: 'signature does not verify' };
    const stale = this.nonces.check(hotkey, BigInt(nonce), this.maxAgeS);
    if (stale !== undefined) return { ok: false, status: 401, reason: stale };
    this.nonces.commit(hotkey, BigInt(nonce));
    return { ok: true, caller: `hotkey:${hotkey}` };
  }
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}
