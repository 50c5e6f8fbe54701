import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NOISE_LAYOUT_VERSION } from '@taonode/diffusion';
import { TaonodeError } from '@taonode/kit';
import { GeneratorBusyError } from '../errors.js';
import { sanitizeGenerationInputs } from '../inputs/generationInputs.js';
import {
  GENERATOR_API_VERSION,
  type GeneratorInfo,
  HEADER_ID,
  HEADER_MS,
  HEADER_SHA256,
  MAX_REQUEST_BYTES,
} from './generatorApi.js';
import type { GeneratorService } from './generatorService.js';

export interface GeneratorServerOptions {
  service: GeneratorService;
  /** modelIdentity() of the loaded model. */
  model: string;
  host?: string;
  port?: number;
  /** Smallest accepted side (512 in production; the tiny test models allow less). */
  minSize?: number;
  /** One line per request or failure (never the prompt). */
  log?: (entry: Record<string, unknown>) => void;
}

export interface GeneratorServer {
  url: string;
  port: number;
  info: GeneratorInfo;
  close(): Promise<void>;
}

class HttpFailure extends TaonodeError {
  constructor(
    readonly status: number,
    code: string,
    message: string,
    hint?: string,
  ) {
    super(message, { code, ...(hint === undefined ? {} : { hint }) });
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).byteLength;
    if (size > MAX_REQUEST_BYTES)
      throw new HttpFailure(413, 'BODY_TOO_LARGE', `body over ${MAX_REQUEST_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpFailure(400, 'BAD_JSON', 'body is not JSON', 'send the generation inputs as a JSON object');
  }
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

function failure(err: unknown): {
  status: number;
  code: string;
  message: string;
  hint: string | undefined;
  headers?: Record<string, string>;
} {
  if (err instanceof HttpFailure)
    return { status: err.status, code: err.code, message: err.message, hint: err.hint };
  if (err instanceof GeneratorBusyError) {
    return {
      status: 503,
      code: err.code,
      message: err.message,
      hint: err.hint,
      headers: { 'retry-after': '1' },
    };
  }
  const e = err as { code?: unknown; hint?: unknown; message?: unknown };
  if (err instanceof Error && typeof e.code === 'string' && typeof e.hint === 'string') {
    const input = e.code === 'SN30_INPUT' || e.code === 'DIFFUSION_INPUT';
    return { status: input ? 400 : 500, code: e.code, message: err.message, hint: e.hint };
  }
  return { status: 500, code: 'INTERNAL', message: 'generation failed', hint: 'see the generator log' };
}

/**
 * The generator's HTTP front (API in generatorApi.ts). Every failure is an HTTP answer and a log
 * line; nothing a client sends can take the process down.
 */
export async function startGeneratorServer(options: GeneratorServerOptions): Promise<GeneratorServer> {
  const { service } = options;
  const log = options.log ?? (() => undefined);
  const minSize = options.minSize ?? 512;
  const info: GeneratorInfo = {
    api: GENERATOR_API_VERSION,
    model: options.model,
    precision: service.pipeline.manifest.precision,
    device: service.pipeline.device,
    controlnet: service.pipeline.hasControlNet,
    noise: NOISE_LAYOUT_VERSION,
    concurrency: service.concurrency,
    queueLimit: service.queueLimit,
    minSize,
  };
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/healthz') {
      sendJson(res, 200, {
        ok: true,
        device: info.device,
        model: info.model,
        queueDepth: service.queueDepth,
        inFlight: service.running,
      });
      return;
    }
    if (req.method === 'GET' && path === '/metrics') {
      const text = await service.registry.metrics();
      res.writeHead(200, { 'content-type': service.registry.contentType }).end(text);
      return;
    }
    if (req.method === 'GET' && path === '/v1/info') {
      sendJson(res, 200, info);
      return;
    }
    if (path === '/v1/generate') {
      if (req.method !== 'POST') throw new HttpFailure(405, 'METHOD', 'use POST');
      const inputs = sanitizeGenerationInputs(await readJson(req), { minSize });
      const abort = new AbortController();
      res.on('close', () => {
        if (!res.writableFinished) abort.abort(new Error('client went away'));
      });
      const out = await service.generate(inputs, abort.signal);
      log({
        msg: 'generated',
        id: out.id,
        steps: out.steps,
        ms: Math.round(out.ms),
        bytes: out.frames.byteLength,
      });
      res.writeHead(200, {
        'content-type': 'application/octet-stream',
        'content-length': out.frames.byteLength,
        [HEADER_ID]: out.id,
        [HEADER_SHA256]: out.sha256,
        [HEADER_MS]: String(Math.round(out.ms)),
      });
      res.end(out.frames);
      return;
    }
    throw new HttpFailure(
      404,
      'NOT_FOUND',
      `no route ${req.method} ${path}`,
      'routes: POST /v1/generate, GET /v1/info, /healthz, /metrics',
    );
  };
  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      const f = failure(err);
      log({ msg: 'request failed', status: f.status, code: f.code, error: f.message });
      if (res.headersSent) {
        res.destroy();
        return;
      }
      sendJson(
        res,
        f.status,
        { error: { code: f.code, message: f.message, hint: f.hint ?? null } },
        f.headers,
      );
    });
  });
  server.keepAliveTimeout = 5_000;
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
    info,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
