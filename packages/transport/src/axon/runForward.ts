import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sameHashInputs } from '../codec/bodyHash.js';
import { synapseToHeaders } from '../codec/headers.js';
import { stringifyLosslessJson } from '../codec/losslessJson.js';
import type { SynapseDef } from '../synapse/defineSynapse.js';
import type { Synapse, SynapseBase } from '../synapse/synapse.js';
import { ForwardRejection } from './forwardRejection.js';
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

// A forward's deadline needs a timer only if it is still running at the end of the event-loop
// turn: most forwards settle within their own turn (their promise resolves in microtasks), and a
// setTimeout + clearTimeout per request is measurable at axon rates. Pending forwards are collected
// and their timers armed once per turn.
interface Deadline {
  atMs: number;
  settled: boolean;
  timer: NodeJS.Timeout | undefined;
  onTimeout: () => void;
}
let unarmed: Deadline[] = [];
let armScheduled = false;

function armDeadlines(): void {
  const list = unarmed;
  unarmed = [];
  armScheduled = false;
  const now = Date.now();
  for (const d of list) if (!d.settled) d.timer = setTimeout(d.onTimeout, Math.max(0, d.atMs - now));
}

function watchDeadline(d: Deadline): void {
  unarmed.push(d);
  if (!armScheduled) {
    armScheduled = true;
    setImmediate(armDeadlines);
  }
}

/**
 * Runs the attached forward under the request's own timeout (the Python axon never enforces it)
 * and answers through `reply`. The priority slot is held until the forward really settles, so
 * forwards that overrun their timeout still count against the concurrency limit.
 */
export function runForward(
  req: FastifyRequest,
  reply: FastifyReply,
  state: RequestState,
  gate: PriorityGate,
): void {
  const { def, handlers } = state.route;
  let controller: AbortController | undefined;
  const ctx = {
    // Made on first use: most forwards never look at it.
    get signal() {
      controller ??= new AbortController();
      return controller.signal;
    },
  };
  const fail = (err: unknown) => {
    if (err instanceof ForwardRejection) {
      req.log.debug({ synapse: def.name, status: err.status, reason: err.message }, 'forward refused');
      sendFailure(reply, err.status, err.message, state.mw);
      return;
    }
    const id = randomUUID();
    req.log.error({ err, errorId: id, synapse: def.name }, 'forward failed');
    sendFailure(reply, 500, `Internal Server Error #${id}`, state.mw);
  };
  let returned: Synapse<object> | StreamResponse | Promise<Synapse<object> | StreamResponse>;
  try {
    returned = handlers.forward(state.synapse!, ctx);
  } catch (err) {
    gate.release();
    fail(err);
    return;
  }
  if (!isPromise(returned)) {
    if (isStream(returned)) {
      sendStream(reply, state, returned, () => controller?.abort(new Error('request timeout')), gate);
      return;
    }
    gate.release();
    answer(reply, state, returned, fail);
    return;
  }
  const deadline: Deadline = {
    atMs: state.startMs + state.timeoutS * 1000,
    settled: false,
    timer: undefined,
    onTimeout: () => {
      if (deadline.settled) return;
      deadline.settled = true;
      controller?.abort(new Error('request timeout'));
      sendFailure(reply, 408, `Response timeout after: ${state.timeoutS}s`, state.mw);
    },
  };
  returned.then(
    (r) => {
      if (deadline.settled) {
        // Answered 408 already; the slot is free only now.
        gate.release();
        return;
      }
      deadline.settled = true;
      clearTimeout(deadline.timer);
      if (isStream(r)) {
        // A stream that arrives in time is sent, and releases the slot when it ends.
        try {
          sendStream(reply, state, r, () => controller?.abort(new Error('request timeout')), gate);
        } catch (err) {
          fail(err);
        }
        return;
      }
      gate.release();
      answer(reply, state, r, fail);
    },
    (err: unknown) => {
      gate.release();
      if (deadline.settled) return;
      deadline.settled = true;
      clearTimeout(deadline.timer);
      fail(err);
    },
  );
  watchDeadline(deadline);
}

function answer(
  reply: FastifyReply,
  state: RequestState,
  result: Synapse<object>,
  fail: (err: unknown) => void,
): void {
  const { def } = state.route;
  try {
    // Typed by the handler's signature; not re-validated (a zod pass per response costs more than
    // the rest of the response path).
    if (typeof result !== 'object' || result === null) throw new Error(`forward returned no ${def.name}`);
    const processTime = (Date.now() - state.startMs) / 1000;
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
    sendJson(reply, 200, headers, body);
  } catch (err) {
    fail(err);
  }
}

function isPromise<T>(v: T | Promise<T>): v is Promise<T> {
  return typeof (v as { then?: unknown } | null)?.then === 'function';
}

function sendStream(
  reply: FastifyReply,
  state: RequestState,
  stream: StreamResponse,
  abort: () => void,
  gate: PriorityGate,
): void {
  const processTime = (Date.now() - state.startMs) / 1000;
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
          abort();
          return;
        }
        yield typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
      }
    } finally {
      release();
    }
  }
  reply
    .code(200)
    .headers(safeHeaders(headers))
    .header('content-type', 'text/event-stream')
    .send(Readable.from(bytes()));
}
