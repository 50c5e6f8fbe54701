import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sameHashInputs } from '../codec/bodyHash.js';
import { synapseToHeaders } from '../codec/headers.js';
import { stringifyLosslessJson } from '../codec/losslessJson.js';
import type { SynapseDef } from '../synapse/defineSynapse.js';
import type { Synapse, SynapseBase } from '../synapse/synapse.js';
import type { AttachHandlers, StreamResponse } from './hooks.js';
import type { PriorityGate } from './priorityGate.js';
import { safeHeaders, sendFailure, sendJson } from './replies.js';

export interface RequestState {
  route: { def: SynapseDef<object, unknown>; handlers: AttachHandlers<Synapse<object>> };
  /** The synapse built from headers (what error responses describe). */
  mw: SynapseBase;
  startMs: number;
  timeoutS: number;
  holdsGate: boolean;
  synapse?: Synapse<object>;
  /** The request's hashed field values, to reuse its body hash in the response when unchanged. */
  hashInputs?: unknown[];
}

function isStream(v: unknown): v is StreamResponse {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'stream';
}

/**
 * Runs the attached forward under the request's own timeout (the Python axon never enforces it).
 * The priority slot is held until the forward really settles, so forwards that overrun their
 * timeout still count against the concurrency limit.
 */
export async function runForward(
  req: FastifyRequest,
  reply: FastifyReply,
  state: RequestState,
  gate: PriorityGate,
): Promise<FastifyReply> {
  const { def, handlers } = state.route;
  const synapse = state.synapse!;
  let controller: AbortController | undefined;
  const ctx = {
    // Made on first use: most forwards never look at it.
    get signal() {
      controller ??= new AbortController();
      return controller.signal;
    },
    abort() {
      controller?.abort(new Error('request timeout'));
    },
  };
  let timer: NodeJS.Timeout | undefined;
  // Who releases the priority slot: this function (sync forwards, errors), the promise reaction
  // below (async forwards, even when they overrun their 408), or the stream when it ends.
  let releaseHere = true;
  try {
    let result: Synapse<object> | StreamResponse | 'timeout';
    const returned = handlers.forward(synapse, ctx);
    if (isPromise(returned)) {
      releaseHere = false;
      let timedOut = false;
      returned.then(
        (r) => {
          // A stream that arrives in time is sent, and releases the slot when it ends.
          if (!isStream(r) || timedOut) gate.release();
        },
        () => gate.release(),
      );
      const remainingMs = Math.max(0, state.startMs + state.timeoutS * 1000 - Date.now());
      const timeout = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => {
          timedOut = true;
          resolve('timeout');
        }, remainingMs);
      });
      result = await Promise.race([returned, timeout]);
    } else {
      result = returned;
    }
    if (result === 'timeout') {
      ctx.abort();
      return sendFailure(reply, 408, `Response timeout after: ${state.timeoutS}s`, state.mw);
    }
    const processTime = (Date.now() - state.startMs) / 1000;
    if (isStream(result)) {
      releaseHere = false;
      return sendStream(reply, state, result, processTime, ctx, gate);
    }
    // Typed by the handler's signature; not re-validated (a zod pass per response costs more than
    // the rest of the response path).
    if (typeof result !== 'object' || result === null) throw new Error(`forward returned no ${def.name}`);
    const out = result;
    out.axon = { ...out.axon, status_code: 200, status_message: 'Success', process_time: processTime };
    const body = stringifyLosslessJson(out);
    const values = out as unknown as Record<string, unknown>;
    const bodyHash = sameHashInputs(state.hashInputs, values, def.hashFields)
      ? state.mw.computed_body_hash
      : def.bodyHash(out);
    const headers = synapseToHeaders({
      synapse: out,
      bodyHash,
      inputObjHeaders: def.inputObjHeaders,
      totalSize: body.length,
    });
    return sendJson(reply, 200, headers, body);
  } catch (err) {
    const id = randomUUID();
    req.log.error({ err, errorId: id, synapse: def.name }, 'forward failed');
    return sendFailure(reply, 500, `Internal Server Error #${id}`, state.mw);
  } finally {
    clearTimeout(timer);
    if (releaseHere) gate.release();
  }
}

function isPromise<T>(v: T | Promise<T>): v is Promise<T> {
  return typeof (v as { then?: unknown } | null)?.then === 'function';
}

function sendStream(
  reply: FastifyReply,
  state: RequestState,
  stream: StreamResponse,
  processTime: number,
  ctx: { abort(): void },
  gate: PriorityGate,
): FastifyReply {
  const { def } = state.route;
  const synapse = state.synapse!;
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    gate.release();
  };
  // Registered first: a client that leaves before the first chunk never starts the generator.
  reply.raw.once('close', release);
  synapse.axon = { ...synapse.axon, status_code: 200, status_message: 'Success', process_time: processTime };
  const headers = synapseToHeaders({
    synapse,
    bodyHash: def.bodyHash(synapse),
    inputObjHeaders: def.inputObjHeaders,
  });
  const deadline = state.startMs + state.timeoutS * 1000;
  async function* bytes(): AsyncGenerator<Buffer> {
    try {
      for await (const chunk of stream.chunks) {
        if (Date.now() > deadline) {
          ctx.abort();
          return;
        }
        yield typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
      }
    } finally {
      release();
    }
  }
  return reply
    .code(200)
    .headers(safeHeaders(headers))
    .header('content-type', 'text/event-stream')
    .send(Readable.from(bytes()));
}
