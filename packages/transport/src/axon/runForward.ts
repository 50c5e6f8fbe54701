import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { synapseToHeaders } from '../codec/headers.js';
import { stringifyLosslessJson } from '../codec/losslessJson.js';
import type { SynapseDef } from '../synapse/defineSynapse.js';
import type { Synapse, SynapseBase } from '../synapse/synapse.js';
import type { AttachHandlers, StreamResponse } from './hooks.js';
import type { PriorityGate } from './priorityGate.js';
import { safeHeaders, sendJson } from './replies.js';

export interface RequestState {
  route: { def: SynapseDef<object, unknown>; handlers: AttachHandlers<Synapse<object>> };
  /** The synapse built from headers (what error responses describe). */
  mw: SynapseBase;
  startMs: number;
  timeoutS: number;
  holdsGate: boolean;
  synapse?: Synapse<object>;
}

interface Deps {
  gate: PriorityGate;
  fail(reply: FastifyReply, code: number, message: string, mw: SynapseBase | undefined): FastifyReply;
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
  deps: Deps,
): Promise<FastifyReply> {
  const { def, handlers } = state.route;
  const synapse = state.synapse!;
  const controller = new AbortController();
  const remainingMs = Math.max(0, state.startMs + state.timeoutS * 1000 - Date.now());
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), remainingMs);
  });
  const forward = Promise.resolve().then(() => handlers.forward(synapse, { signal: controller.signal }));
  let releaseOnStreamEnd = false;
  forward
    .catch(() => undefined)
    .finally(() => {
      if (!releaseOnStreamEnd) deps.gate.release();
    });
  try {
    const result = await Promise.race([forward, timedOut]);
    if (result === 'timeout') {
      controller.abort(new Error('request timeout'));
      return deps.fail(reply, 408, `Response timeout after: ${state.timeoutS}s`, state.mw);
    }
    const processTime = (Date.now() - state.startMs) / 1000;
    if (isStream(result)) {
      releaseOnStreamEnd = true;
      return sendStream(reply, state, result, processTime, controller, deps.gate);
    }
    // Typed by the handler's signature; not re-validated (a zod pass per response costs more than
    // the rest of the response path).
    if (typeof result !== 'object' || result === null) throw new Error(`forward returned no ${def.name}`);
    const out = result;
    out.axon = { ...out.axon, status_code: 200, status_message: 'Success', process_time: processTime };
    const body = stringifyLosslessJson(out);
    const headers = synapseToHeaders({
      synapse: out,
      bodyHash: def.bodyHash(out),
      inputObjHeaders: def.inputObjHeaders,
      totalSize: body.length,
    });
    return sendJson(reply, 200, headers, body);
  } catch (err) {
    const id = randomUUID();
    req.log.error({ err, errorId: id, synapse: def.name }, 'forward failed');
    return deps.fail(reply, 500, `Internal Server Error #${id}`, state.mw);
  } finally {
    clearTimeout(timer);
  }
}

function sendStream(
  reply: FastifyReply,
  state: RequestState,
  stream: StreamResponse,
  processTime: number,
  controller: AbortController,
  gate: PriorityGate,
): FastifyReply {
  const { def } = state.route;
  const synapse = state.synapse!;
  synapse.axon = { ...synapse.axon, status_code: 200, status_message: 'Success', process_time: processTime };
  const headers = synapseToHeaders({
    synapse,
    bodyHash: def.bodyHash(synapse),
    inputObjHeaders: def.inputObjHeaders,
  });
  const deadline = state.startMs + state.timeoutS * 1000;
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    gate.release();
  };
  // A client that leaves before the first chunk never starts the generator below.
  reply.raw.once('close', release);
  async function* bytes(): AsyncGenerator<Buffer> {
    try {
      for await (const chunk of stream.chunks) {
        if (Date.now() > deadline) {
          controller.abort(new Error('request timeout'));
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
