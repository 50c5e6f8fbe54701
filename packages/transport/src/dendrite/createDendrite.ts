import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { mapLimit } from '@taonode/kit';
import type { Signer } from '@taonode/wallet';
import { Agent, type Dispatcher } from 'undici';
import { synapseToHeaders } from '../codec/headers.js';
import { stringifyLosslessJson } from '../codec/losslessJson.js';
import { processNonces } from '../codec/nonce.js';
import { dendriteSignatureMessage } from '../codec/signatureMessage.js';
import { synapseOrigin } from '../codec/url.js';
import { type SynapseDef, synapseTypeOf } from '../synapse/defineSynapse.js';
import { SYNAPSE_TYPE, type Synapse } from '../synapse/synapse.js';
import { emptyTerminal } from '../synapse/terminalInfo.js';
import { SDK_VERSION } from '../version.js';
import { applyError } from './mapError.js';
import { NonceLanes } from './nonceLanes.js';
import { mergeHeaderTerminals, processResponse, ResponseParseError } from './processResponse.js';

/** Where to send a synapse: what the metagraph lists for a neuron. */
export interface AxonTarget {
  ip: string;
  port: number;
  hotkey: string;
}

export interface DendriteOptions {
  signer: Signer;
  /** Our public IP, sent as `bt_header_dendrite_ip` (axons see the TCP peer anyway). */
  externalIp?: string;
  /** Requests in flight at once across one query (default 256). */
  concurrency?: number;
  /** Largest response body accepted (default 64 MiB); larger → 422. */
  maxResponseBytes?: number;
  /** Idle keep-alive connections are closed after this (default 30 s). */
  keepAliveMs?: number;
}

export interface QueryOptions {
  /** seconds (default: the synapse type's timeoutS, 12 unless set). */
  timeout?: number;
  concurrency?: number;
  /**
   * Cancels the call: requests in flight are aborted, none are started, and the promise rejects
   * with the signal's reason. Cancelling is the caller's decision, not a miner's fault, so unlike a
   * timeout it is never written into a synapse's status.
   */
  signal?: AbortSignal;
}

export interface Dendrite {
  readonly hotkey: string;
  readonly uuid: string;
  /**
   * Sends `synapse` to every axon; one result per axon, in order. Never throws for a bad miner.
   * With `{ deserialize: true }` each result is the synapse type's `deserialize()` value instead
   * (SDK `dendrite(axons, synapse, deserialize=True)`).
   */
  query<F extends object>(
    axons: readonly AxonTarget[],
    synapse: Synapse<F>,
    opts?: QueryOptions & { deserialize?: false },
  ): Promise<Synapse<F>[]>;
  query<F extends object, D = unknown>(
    axons: readonly AxonTarget[],
    synapse: Synapse<F>,
    opts: QueryOptions & { deserialize: true },
  ): Promise<D[]>;
  /** Same as `query(axons, synapse, { ...opts, deserialize: true })`. */
  queryDeserialized<F extends object, D>(
    axons: readonly AxonTarget[],
    synapse: Synapse<F>,
    opts?: QueryOptions,
  ): Promise<D[]>;
  /** One axon. */
  call<F extends object>(axon: AxonTarget, synapse: Synapse<F>, opts?: QueryOptions): Promise<Synapse<F>>;
  /** Streaming synapse (§1.10): yields raw chunks, then the final synapse last. */
  stream<F extends object>(
    axon: AxonTarget,
    synapse: Synapse<F>,
    opts?: QueryOptions,
  ): AsyncGenerator<Uint8Array | Synapse<F>, void, undefined>;
  /** Lanes (uuids) in use for nonce ordering, across all axons. Bounded. */
  readonly laneCount: number;
  close(): Promise<void>;
}

interface Prepared<F extends object> {
  synapse: Synapse<F>;
  def: SynapseDef<F, unknown>;
  /** `http://ip:port`, IPv6 bracketed. */
  origin: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

export function createDendrite(options: DendriteOptions): Dendrite {
  const { signer } = options;
  const uuid = randomUUID();
  const lanes = new NonceLanes(uuid);
  const maxResponseBytes = options.maxResponseBytes ?? 64 * 1024 * 1024;
  const agent = new Agent({
    keepAliveTimeout: options.keepAliveMs ?? 30_000,
    keepAliveMaxTimeout: 600_000,
    headersTimeout: 0,
    bodyTimeout: 0,
  });

  function prepare<F extends object>(
    axon: AxonTarget,
    template: Synapse<F>,
    laneUuid: string,
    opts?: QueryOptions,
  ) {
    const def = synapseTypeOf(template);
    const timeout = opts?.timeout ?? def.timeoutS;
    const synapse: Synapse<F> = { ...structuredClone(template), [SYNAPSE_TYPE]: def };
    synapse.timeout = timeout;
    synapse.dendrite = {
      ...emptyTerminal(),
      ip: options.externalIp ?? null,
      version: SDK_VERSION,
      nonce: processNonces.next(),
      uuid: laneUuid,
      hotkey: signer.ss58Address,
    };
    synapse.axon = { ...emptyTerminal(), ip: axon.ip, port: axon.port, hotkey: axon.hotkey };
    synapse.computed_body_hash = '';
    const bodyHash = def.bodyHash(synapse);
    const message = dendriteSignatureMessage({
      nonce: synapse.dendrite.nonce!,
      dendriteHotkey: signer.ss58Address,
      axonHotkey: axon.hotkey,
      uuid: laneUuid,
      bodyHash,
    });
    synapse.dendrite.signature = `0x${Buffer.from(signer.sign(message)).toString('hex')}`;
    const body = stringifyLosslessJson(synapse);
    const headers = synapseToHeaders({
      synapse,
      bodyHash,
      inputObjHeaders: def.inputObjHeaders,
      totalSize: body.length,
    });
    headers['content-type'] = 'application/json';
    // Same host as our own public IP: go through loopback (the SDK uses 0.0.0.0).
    const host = options.externalIp !== undefined && axon.ip === options.externalIp ? '127.0.0.1' : axon.ip;
    const origin = synapseOrigin(host, axon.port);
    return { synapse, def, origin, headers, body, timeoutMs: timeout * 1000 } satisfies Prepared<F>;
  }

  async function send<F extends object>(
    p: Prepared<F>,
    signal: AbortSignal,
  ): Promise<{ status: number; headers: IncomingHttpHeaders; res: Dispatcher.ResponseData }> {
    const res = await agent.request({
      origin: p.origin,
      path: `/${p.def.name}`,
      method: 'POST',
      headers: p.headers,
      body: p.body,
      signal,
    });
    return { status: res.statusCode, headers: res.headers as IncomingHttpHeaders, res };
  }

  async function readLimited(res: Dispatcher.ResponseData): Promise<string> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxResponseBytes) {
        res.body.destroy();
        throw new ResponseParseError(`response body larger than ${maxResponseBytes} bytes`);
      }
      chunks.push(chunk);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  async function call<F extends object>(axon: AxonTarget, template: Synapse<F>, opts?: QueryOptions) {
    const cancel = opts?.signal;
    cancel?.throwIfAborted();
    const lane = lanes.acquire(`${axon.hotkey}@${axon.ip}:${axon.port}`);
    const started = performance.now();
    let p: Prepared<F> | undefined;
    const controller = new AbortController();
    const onCancel = () => controller.abort(cancel?.reason);
    cancel?.addEventListener('abort', onCancel, { once: true });
    let timedOut = false;
    let timer: NodeJS.Timeout | undefined;
    try {
      p = prepare(axon, template, lane.uuid, opts);
      timer = setTimeout(() => {
        timedOut = true;
        controller.abort(new Error('timeout'));
      }, p.timeoutMs);
      const { status, headers, res } = await send(p, controller.signal);
      const text = await readLimited(res);
      processResponse(p.def, p.synapse, status, headers, text);
    } catch (err) {
      if (p === undefined) throw err;
      if (cancel?.aborted && !timedOut) throw cancel.reason;
      applyError(p.synapse, err, timedOut);
    } finally {
      clearTimeout(timer);
      cancel?.removeEventListener('abort', onCancel);
      lanes.release(lane);
    }
    p.synapse.dendrite.process_time = (performance.now() - started) / 1000;
    return p.synapse;
  }

  async function* stream<F extends object>(axon: AxonTarget, template: Synapse<F>, opts?: QueryOptions) {
    const cancel = opts?.signal;
    cancel?.throwIfAborted();
    const lane = lanes.acquire(`${axon.hotkey}@${axon.ip}:${axon.port}`);
    const started = performance.now();
    const p = prepare(axon, template, lane.uuid, opts);
    const controller = new AbortController();
    const onCancel = () => controller.abort(cancel?.reason);
    cancel?.addEventListener('abort', onCancel, { once: true });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new Error('timeout'));
    }, p.timeoutMs);
    // The whole body is kept only for a synapse that builds its fields from it: a caller reading a
    // large binary stream chunk by chunk (SN30's frames) bounds its own memory.
    const parts: Uint8Array[] | undefined = p.def.fromStream ? [] : undefined;
    try {
      const { status, headers, res } = await send(p, controller.signal);
      if (status !== 200) {
        processResponse(p.def, p.synapse, status, headers, await readLimited(res));
      } else {
        for await (const chunk of res.body as AsyncIterable<Buffer>) {
          parts?.push(chunk);
          yield new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        }
        if (p.def.fromStream && parts)
          Object.assign(p.synapse, p.def.fromStream(Buffer.concat(parts), p.synapse));
        mergeHeaderTerminals(p.synapse, headers);
        p.synapse.dendrite.status_code = p.synapse.axon.status_code ?? 200;
        p.synapse.dendrite.status_message = p.synapse.axon.status_message ?? 'Success';
      }
    } catch (err) {
      if (cancel?.aborted && !timedOut) throw cancel.reason;
      applyError(p.synapse, err, timedOut);
    } finally {
      clearTimeout(timer);
      cancel?.removeEventListener('abort', onCancel);
      lanes.release(lane);
    }
    p.synapse.dendrite.process_time = (performance.now() - started) / 1000;
    yield p.synapse;
  }

  async function queryAll<F extends object>(
    axons: readonly AxonTarget[],
    synapse: Synapse<F>,
    opts?: QueryOptions,
  ) {
    synapseTypeOf(synapse);
    const limit = opts?.concurrency ?? options.concurrency ?? 256;
    return mapLimit(axons, limit, (axon) => call(axon, synapse, opts));
  }

  async function queryDeserialized<F extends object, D>(
    axons: readonly AxonTarget[],
    synapse: Synapse<F>,
    opts?: QueryOptions,
  ): Promise<D[]> {
    const def = synapseTypeOf(synapse) as SynapseDef<F, D>;
    return (await queryAll(axons, synapse, opts)).map((s) => def.deserialize(s));
  }

  function query<F extends object>(
    axons: readonly AxonTarget[],
    synapse: Synapse<F>,
    opts?: QueryOptions & { deserialize?: boolean },
  ): Promise<Synapse<F>[] | unknown[]> {
    return opts?.deserialize === true
      ? queryDeserialized(axons, synapse, opts)
      : queryAll(axons, synapse, opts);
  }

  return {
    hotkey: signer.ss58Address,
    uuid,
    query: query as Dendrite['query'],
    queryDeserialized,
    call,
    stream,
    get laneCount() {
      return lanes.laneCount;
    },
    async close() {
      await agent.close();
    },
  };
}
