import { randomUUID } from 'node:crypto';
import type { Signer } from '@taonode/wallet';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from 'fastify';
import type { Logger } from 'pino';
import { hashInputs } from '../codec/bodyHash.js';
import { headerValue, terminalFromHeaders, timeoutFromHeaders } from '../codec/headers.js';
import { JsonSyntaxError, parseLosslessJson } from '../codec/losslessJson.js';
import { processNonces } from '../codec/nonce.js';
import { BaseSynapse } from '../synapse/baseSynapse.js';
import type { SynapseDef } from '../synapse/defineSynapse.js';
import type { Synapse, SynapseBase } from '../synapse/synapse.js';
import type { TerminalInfo } from '../synapse/terminalInfo.js';
import { SDK_VERSION } from '../version.js';
import type { AttachHandlers } from './hooks.js';
import { NonceWindow } from './nonceWindow.js';
import { PriorityGate } from './priorityGate.js';
import { sendFailure } from './replies.js';
import { type RequestState, runForward } from './runForward.js';
import { type OffloadMode, VerifyPool } from './verifyPool.js';
import { commitNonce, verifyRequest } from './verifyRequest.js';

export interface AxonOptions {
  /** The hotkey this axon serves for; requests must be addressed to it. */
  signer: Signer;
  /** Port to listen on (default 8091; 0 picks a free one). */
  port?: number;
  /** Address to bind (default 0.0.0.0; use :: for IPv6). */
  ip?: string;
  /** Address/port peers should use (behind NAT/Docker); what `serve_axon` publishes. */
  externalIp?: string;
  externalPort?: number;
  /** pino logger; default: silent. */
  logger?: Logger;
  /** Worker threads for signature checks (0 = on the main thread, the default). */
  verifyWorkers?: number;
  /** With workers: use them only while the event loop is busy ('auto', default) or always. */
  verifyOffload?: OffloadMode;
  /** Forwards running at once (default 32); others wait in priority order. */
  maxConcurrentForwards?: number;
  /** Waiting forwards beyond this get 503 (default 1024). */
  maxQueuedForwards?: number;
  /** Dendrite endpoints whose last nonce is remembered (default 100,000). */
  maxNonceEndpoints?: number;
  /** Upper bound on the `timeout` header, seconds (default 600). */
  maxTimeoutS?: number;
  /**
   * Called once per response on an attached synapse's route, whatever it was (answered, refused by
   * verify or blacklist, invalid, timed out, overloaded, failed), after it was sent. Unknown routes
   * are not reported (their name is the caller's text). Must not throw; an error is logged.
   */
  onResponse?: (response: AxonResponse) => void;
}

/** One response the axon sent, for counters and dashboards. */
export interface AxonResponse {
  /** The attached synapse's name (the route). */
  synapse: string;
  /** The caller's hotkey from its headers: verified only when `status` is neither 401 nor 400. */
  hotkey: string | null;
  status: number;
  /** The axon status message of a failure (why it was refused or failed). */
  message: string | null;
  /** From the request's first byte to the response's last, in milliseconds. */
  latencyMs: number;
}

export interface Axon {
  readonly hotkey: string;
  readonly uuid: string;
  /** Bound address, after start(). */
  readonly address: { ip: string; port: number };
  /** What to publish on chain: external ip/port when given, else the bound ones. */
  readonly external: { ip: string; port: number };
  /** Endpoints currently remembered by the nonce window (bounded). */
  readonly nonceEndpoints: number;
  /** Signatures verified on worker threads and inline (both 0 without workers). */
  readonly verifyCounts: { workers: number; inline: number };
  attach<F extends object, D>(def: SynapseDef<F, D>, handlers: AttachHandlers<Synapse<F>>): Axon;
  start(): Promise<void>;
  stop(): Promise<void>;
}

interface Route {
  def: SynapseDef<object, unknown>;
  handlers: AttachHandlers<Synapse<object>>;
}

const PING = BaseSynapse;

const STATE = 'taonodeAxonState';
type StatefulRequest = FastifyRequest & { [STATE]?: RequestState | null };

/** The subnet's own verify and blacklist hooks: a [status, message] failure or undefined. */
async function userChecks(
  handlers: AttachHandlers<Synapse<object>>,
  mw: SynapseBase,
): Promise<[number, string] | undefined> {
  if (handlers.verify) {
    try {
      await handlers.verify(mw);
    } catch (err) {
      return [401, `Not Verified with error: ${(err as Error).message}`];
    }
  }
  if (handlers.blacklist) {
    const r = await handlers.blacklist(mw);
    const [blocked, why] = typeof r === 'boolean' ? [r, 'blacklisted'] : r;
    if (blocked) return [403, `Forbidden. Key is blacklisted: ${why}.`];
  }
  return undefined;
}

export function createAxon(options: AxonOptions): Axon {
  const hotkey = options.signer.ss58Address;
  const uuid = randomUUID();
  const bindIp = options.ip ?? '0.0.0.0';
  const nonces = new NonceWindow({ maxEndpoints: options.maxNonceEndpoints });
  const gate = new PriorityGate(options.maxConcurrentForwards ?? 32, options.maxQueuedForwards ?? 1024);
  const maxTimeoutS = options.maxTimeoutS ?? 600;
  const routes = new Map<string, Route>();
  // Like a fresh Python axon: the base `Synapse` route answers an (authenticated) ping.
  routes.set(PING.name, {
    def: PING as unknown as SynapseDef<object, unknown>,
    handlers: { forward: (s) => s },
  });
  let pool: VerifyPool | undefined;
  let app: FastifyInstance | undefined;
  let bound = { ip: bindIp, port: options.port ?? 8091 };
  const external = () => ({ ip: options.externalIp ?? bound.ip, port: options.externalPort ?? bound.port });
  // What each request's `axon.ip/port` says; fixed once the socket is bound.
  let published = external();

  function middlewareSynapse(
    req: FastifyRequest,
    name: string,
    timeoutS: number,
    bodyHash: string | undefined,
  ): SynapseBase {
    const dendrite = terminalFromHeaders(req.headers, 'dendrite');
    dendrite.ip = req.socket.remoteAddress ?? null;
    dendrite.port = req.socket.remotePort ?? null;
    const ext = published;
    const axon: TerminalInfo = {
      status_code: 100,
      status_message: null,
      process_time: null,
      ip: ext.ip,
      port: ext.port,
      version: SDK_VERSION,
      nonce: processNonces.next(),
      uuid,
      hotkey,
      signature: null,
    };
    return {
      name,
      timeout: timeoutS,
      total_size: 0,
      header_size: 0,
      dendrite,
      axon,
      computed_body_hash: bodyHash ?? '',
    };
  }

  /** The nonce is recorded once a request passed verify and blacklist; then the body is read. */
  function admit(
    reply: FastifyReply,
    state: RequestState,
    verified: TerminalInfo,
    next: (err?: Error) => void,
  ): void {
    const raced = commitNonce(nonces, verified, state.timeoutS);
    if (raced !== undefined) sendFailure(reply, 401, `Not Verified with error: ${raced}`, state.mw);
    else next();
  }

  /** With a priority hook or no free slot: wait for a slot in priority order, then forward. */
  async function queueForward(
    req: FastifyRequest,
    reply: FastifyReply,
    state: RequestState,
    handlers: AttachHandlers<Synapse<object>>,
  ): Promise<void> {
    const priority = handlers.priority ? await handlers.priority(state.synapse!) : 0;
    const got = gate.tryAcquire()
      ? 'ok'
      : await gate.acquire(priority, state.startMs + state.timeoutS * 1000);
    if (got === 'timeout') {
      sendFailure(reply, 408, `Response timeout after: ${state.timeoutS}s`, state.mw);
      return;
    }
    if (got === 'overloaded') {
      sendFailure(reply, 503, 'Axon overloaded: too many queued requests', state.mw);
      return;
    }
    state.holdsGate = true;
    runForward(req, reply, state, gate);
  }

  const onResponse = options.onResponse;
  /** Fastify's per-route onResponse hook (only added when asked: a hook step costs per request). */
  function reportResponse(name: string, report: (r: AxonResponse) => void) {
    return (req: FastifyRequest, reply: FastifyReply, done: () => void) => {
      try {
        const state = (req as StatefulRequest)[STATE];
        const status = reply.statusCode;
        report({
          synapse: name,
          hotkey: state?.mw.dendrite.hotkey ?? null,
          status,
          message: status === 200 ? null : (state?.mw.axon.status_message ?? null),
          latencyMs: reply.elapsedTime,
        });
      } catch (err) {
        options.logger?.warn({ err }, 'axon onResponse observer failed');
      }
      done();
    };
  }

  function build(): FastifyInstance {
    const f: FastifyInstance = Fastify({
      loggerInstance: options.logger as FastifyBaseLogger | undefined,
      logController: new LogController({ disableRequestLogging: true }),
      return503OnClosing: true,
      forceCloseConnections: true,
      bodyLimit: 1024 * 1024,
    });
    // A field of every request object from the start (fastify's decorateRequest), so setting it
    // per request does not change the request objects' shape.
    f.decorateRequest(STATE, null);
    f.removeAllContentTypeParsers();
    f.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => {
      const text = body as string;
      if (text.trim() === '') return done(null, undefined);
      try {
        done(null, parseLosslessJson(text));
      } catch (err) {
        const e = new Error(`Malformed JSON body: ${(err as Error).message}`) as Error & {
          statusCode: number;
        };
        e.statusCode = 400;
        done(e, undefined);
      }
    });

    // Routes are fixed once built (attach() refuses after start()).
    const available = [...routes.keys()].map((n) => `'${n}'`).join(', ');
    f.setNotFoundHandler((req, reply) => {
      const name = (req.url.split('?')[0] ?? '').split('/')[1] ?? '';
      return sendFailure(
        reply,
        404,
        `Synapse name '${name}' not found. Available synapses [${available}]`,
        undefined,
      );
    });

    f.setErrorHandler((err: Error & { statusCode?: number; code?: string }, req, reply) => {
      const state = (req as StatefulRequest)[STATE];
      const mw = state?.mw;
      if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || err.statusCode === 413) {
        const limit = state?.route.def.maxBodyBytes;
        return sendFailure(
          reply,
          413,
          `Request body too large: the limit for this synapse is ${limit} bytes`,
          mw,
        );
      }
      if (err instanceof JsonSyntaxError || (err.statusCode === 400 && err.message.startsWith('Malformed'))) {
        return sendFailure(reply, 400, err.message, mw);
      }
      if (err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500) {
        return sendFailure(reply, err.statusCode, err.message, mw);
      }
      const id = randomUUID();
      options.logger?.error({ err, errorId: id, url: req.url }, 'axon request failed');
      return sendFailure(reply, 500, `Internal Server Error #${id}`, mw);
    });

    for (const route of routes.values()) {
      const { def, handlers } = route;
      f.route({
        method: ['GET', 'POST'],
        url: `/${def.name}`,
        bodyLimit: def.maxBodyBytes,
        ...(onResponse ? { onResponse: reportResponse(def.name, onResponse) } : {}),
        // verify → blacklist, before the body is read: rejected callers cost no upload. Callback
        // style, not async: a promise per step is measurable at thousands of requests per second.
        onRequest: (req, reply, next) => {
          const timeoutS = Math.min(timeoutFromHeaders(req.headers) ?? def.timeoutS, maxTimeoutS);
          const bodyHash = headerValue(req.headers, 'computed_body_hash');
          const mw = middlewareSynapse(req, def.name, timeoutS, bodyHash);
          const state: RequestState = { route, mw, startMs: Date.now(), timeoutS, holdsGate: false };
          (req as StatefulRequest)[STATE] = state;
          verifyRequest(
            { dendrite: mw.dendrite, bodyHash, timeoutS, axonHotkey: hotkey, nonces, pool },
            (reason) => {
              if (reason !== undefined) {
                sendFailure(reply, 401, `Not Verified with error: ${reason}`, mw);
                return;
              }
              if (handlers.verify === undefined && handlers.blacklist === undefined) {
                admit(reply, state, mw.dendrite, next);
                return;
              }
              // The hooks see (and could change) mw: the nonce recorded is the one verified.
              const verified = { ...mw.dendrite };
              userChecks(handlers, mw).then(
                (failure) => {
                  if (failure === undefined) admit(reply, state, verified, next);
                  else sendFailure(reply, failure[0], failure[1], mw);
                },
                (err: unknown) => next(err as Error),
              );
            },
          );
        },
        // Body parsed: validate fields, check the body hash the signature covered, wait for a
        // forward slot in priority order, forward. All in the handler (each fastify hook step
        // costs per request), which answers through `reply` rather than a promise.
        handler: (req, reply) => {
          const state = (req as StatefulRequest)[STATE]!;
          const parsed = def.parse(req.body ?? {});
          if (!parsed.success) {
            const issues = parsed.error.issues
              .slice(0, 5)
              .map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`)
              .join('; ');
            sendFailure(reply, 422, `Invalid ${def.name} fields: ${issues}`, state.mw);
            return;
          }
          const synapse = parsed.data;
          if (def.bodyHash(synapse) !== state.mw.computed_body_hash) {
            sendFailure(
              reply,
              401,
              'Not Verified with error: computed_body_hash does not match the body',
              state.mw,
            );
            return;
          }
          state.synapse = synapse;
          state.hashInputs = hashInputs(synapse as unknown as Record<string, unknown>, def.hashFields);
          if (handlers.priority === undefined && gate.tryAcquire()) {
            state.holdsGate = true;
            runForward(req, reply, state, gate);
            return;
          }
          // Not returned to fastify: a promise that settles before the reply is sent would be
          // taken as an empty answer.
          queueForward(req, reply, state, handlers).catch((err: unknown) => reply.send(err));
        },
      });
    }
    return f;
  }

  const axon: Axon = {
    hotkey,
    uuid,
    get address() {
      return bound;
    },
    get external() {
      return external();
    },
    get nonceEndpoints() {
      return nonces.size;
    },
    get verifyCounts() {
      return { ...(pool?.counts ?? { workers: 0, inline: 0 }) };
    },
    attach(def, handlers) {
      if (app !== undefined) throw new Error('attach() must be called before start()');
      if (routes.has(def.name) && def.name !== PING.name) {
        throw new Error(`synapse '${def.name}' is already attached`);
      }
      routes.set(def.name, {
        def: def as unknown as SynapseDef<object, unknown>,
        handlers: handlers as unknown as AttachHandlers<Synapse<object>>,
      });
      return axon;
    },
    async start() {
      if (app !== undefined) throw new Error('axon already started');
      const workers = options.verifyWorkers ?? 0;
      if (workers > 0) {
        pool = await VerifyPool.start(workers);
        pool.mode = options.verifyOffload ?? 'auto';
      }
      app = build();
      await app.listen({ host: bindIp, port: options.port ?? 8091 });
      const addr = app.server.address();
      if (addr !== null && typeof addr === 'object') bound = { ip: addr.address, port: addr.port };
      published = external();
    },
    async stop() {
      await app?.close();
      await pool?.close();
      pool = undefined;
    },
  };
  return axon;
}
