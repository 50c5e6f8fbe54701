import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TaonodeError } from '@taonode/kit';
import sharp from 'sharp';
import { z } from 'zod';
import { GenerationInputError } from '../errors.js';
import { cryptoRandom, type RandomSource } from '../validator/csprng.js';
import { validatorInputs } from '../validator/stressInputs.js';
import type { GatewayAuth } from './gatewayAuth.js';
import { serveUserRequest, type UserRequestDeps, UserRequestError } from './userRequest.js';

/**
 * The validator's user-request gateway (docs/sn30.md):
 *
 *   POST /v1/generate   body (JSON, ≤ 64 KiB): { inputs: {prompt, width, height, …}, format?: "png" | "jpeg",
 *                       quality?: 1–100, miner_uid?: uid }; the seed is always the validator's own.
 *                       200 image/png or image/jpeg; headers x-sn30-miner-uid, x-sn30-miner-hotkey,
 *                       x-sn30-generation-seconds
 *                       400 bad JSON/inputs · 401/403 credentials · 404 unknown miner_uid · 413 body too
 *                       large · 451 NSFW hook · 502 no miner produced a valid image · 503 busy/no miners
 *   GET  /healthz       { ok, inFlight }
 *
 * Errors are JSON { error: { code, message, hint } }.
 */
export const GATEWAY_MAX_BODY = 64 * 1024;

const requestSchema = z.strictObject({
  inputs: z.record(z.string(), z.unknown()),
  format: z.enum(['png', 'jpeg']).default('jpeg'),
  quality: z.number().int().min(1).max(100).default(90),
  miner_uid: z.number().int().nonnegative().optional(),
});

export interface GatewayServerOptions {
  auth: GatewayAuth;
  deps: UserRequestDeps;
  host?: string;
  port?: number;
  /** User requests served at once; more get 503 (default 8). */
  maxInFlight?: number;
  /** Smallest side accepted (512; the tiny test models go lower). */
  minSize?: number;
  rng?: RandomSource;
  log?: (entry: Record<string, unknown>) => void;
}

export interface GatewayServer {
  url: string;
  port: number;
  readonly inFlight: number;
  close(): Promise<void>;
}

class HttpFailure extends TaonodeError {
  constructor(
    readonly status: number,
    code: string,
    message: string,
    hint: string,
  ) {
    super(message, { code, hint });
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > GATEWAY_MAX_BODY)
    throw new HttpFailure(
      413,
      'BODY_TOO_LARGE',
      `body over ${GATEWAY_MAX_BODY} bytes`,
      'send only the inputs',
    );
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).byteLength;
    if (size > GATEWAY_MAX_BODY)
      throw new HttpFailure(
        413,
        'BODY_TOO_LARGE',
        `body over ${GATEWAY_MAX_BODY} bytes`,
        'send only the inputs',
      );
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function sendError(res: ServerResponse, status: number, code: string, message: string, hint: string): void {
  const text = JSON.stringify({ error: { code, message, hint } });
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Starts the gateway; every failure is an HTTP answer and a log line, never a crash. */
export async function startGatewayServer(options: GatewayServerOptions): Promise<GatewayServer> {
  const log = options.log ?? (() => undefined);
  const maxInFlight = options.maxInFlight ?? 8;
  const rng = options.rng ?? cryptoRandom;
  let inFlight = 0;

  const generate = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    const who = options.auth.check(req.headers, body);
    if (!who.ok)
      throw new HttpFailure(who.status, 'UNAUTHORIZED', who.reason, 'see docs/sn30.md, "User requests"');
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      throw new HttpFailure(400, 'BAD_JSON', 'body is not JSON', 'send {"inputs": {"prompt": "…"}}');
    }
    const parsed = requestSchema.safeParse(json);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
      throw new HttpFailure(400, 'BAD_REQUEST', issues, 'send {"inputs": {…}, "format": "png"|"jpeg"}');
    }
    const inputs = validatorInputs(parsed.data.inputs, {
      ...(options.minSize ? { minSize: options.minSize } : {}),
      rng,
    });
    if (inFlight >= maxInFlight)
      throw new HttpFailure(503, 'BUSY', `${inFlight} user requests in flight`, 'retry in a moment');
    inFlight++;
    const abort = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) abort.abort(new Error('client went away'));
    });
    try {
      const image = await serveUserRequest(options.deps, inputs, {
        ...(parsed.data.miner_uid !== undefined ? { minerUid: parsed.data.miner_uid } : {}),
        signal: abort.signal,
      });
      const raw = sharp(Buffer.from(image.rgb.buffer, image.rgb.byteOffset, image.rgb.byteLength), {
        raw: { width: image.width, height: image.height, channels: 3 },
      });
      const encoded =
        parsed.data.format === 'png'
          ? await raw.png().toBuffer()
          : await raw.jpeg({ quality: parsed.data.quality }).toBuffer();
      log({
        msg: 'user request served',
        caller: who.caller,
        uid: image.minerUid,
        seconds: Number(image.seconds.toFixed(3)),
        format: parsed.data.format,
      });
      res.writeHead(200, {
        'content-type': parsed.data.format === 'png' ? 'image/png' : 'image/jpeg',
        'content-length': encoded.byteLength,
        'x-sn30-miner-uid': String(image.minerUid),
        'x-sn30-miner-hotkey': image.minerHotkey,
        'x-sn30-generation-seconds': image.seconds.toFixed(3),
      });
      res.end(encoded);
    } finally {
      inFlight--;
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/healthz') {
      const text = JSON.stringify({ ok: true, inFlight });
      res.writeHead(200, { 'content-type': 'application/json' }).end(text);
      return;
    }
    if (path === '/v1/generate') {
      if (req.method !== 'POST') throw new HttpFailure(405, 'METHOD', 'use POST', 'POST /v1/generate');
      await generate(req, res);
      return;
    }
    throw new HttpFailure(
      404,
      'NOT_FOUND',
      `no route ${req.method} ${path}`,
      'POST /v1/generate, GET /healthz',
    );
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      let f: { status: number; code: string; message: string; hint: string };
      if (err instanceof HttpFailure)
        f = { status: err.status, code: err.code, message: err.message, hint: err.hint ?? '' };
      else if (err instanceof GenerationInputError)
        f = { status: 400, code: err.code, message: err.message, hint: err.hint ?? '' };
      else if (err instanceof UserRequestError)
        f = { status: err.status, code: err.code, message: err.message, hint: err.hint ?? '' };
      else
        f = { status: 500, code: 'INTERNAL', message: 'user request failed', hint: 'see the validator log' };
      log({
        level: f.status >= 500 ? 'warn' : 'info',
        msg: 'user request refused',
        status: f.status,
        code: f.code,
        reason: f.message,
        ...(f.status === 500 ? { error: String(err) } : {}),
      });
      if (res.headersSent) res.destroy();
      else sendError(res, f.status, f.code, f.message, f.hint);
    });
  });
  server.requestTimeout = 120_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port, address } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}`,
    port,
    get inFlight() {
      return inFlight;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
