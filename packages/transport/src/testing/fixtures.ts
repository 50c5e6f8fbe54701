// Shared by tests and benches: a template-style Dummy synapse, signed raw requests, tiny servers.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Signer } from '@taonode/wallet';
import { z } from 'zod';
import { synapseToHeaders } from '../codec/headers.js';
import { stringifyLosslessJson } from '../codec/losslessJson.js';
import { processNonces } from '../codec/nonce.js';
import { dendriteSignatureMessage } from '../codec/signatureMessage.js';
import { defineSynapse } from '../synapse/defineSynapse.js';
import { emptyTerminal } from '../synapse/terminalInfo.js';
import { SDK_VERSION } from '../version.js';

/** The subnet template's `Dummy`: required `dummy_input: int`, `dummy_output: Optional[int] = None`. */
export const Dummy = defineSynapse(
  'Dummy',
  z.object({ dummy_input: z.int(), dummy_output: z.int().nullable().default(null) }),
  { requiredHashFields: ['dummy_input'], maxBodyBytes: 16 * 1024, deserialize: (s) => s.dummy_output },
);

export interface RawRequestOptions {
  signer: Signer;
  axonHotkey: string;
  dummyInput?: number;
  uuid?: string;
  nonce?: bigint;
  timeout?: number;
  /** Replace the body (the header hash still describes `dummyInput`). */
  body?: string;
  /** Header overrides; undefined deletes a header. */
  headers?: Record<string, string | undefined>;
  /** Sign with this key while claiming `signer`'s hotkey. */
  signWith?: Signer;
  /** Skip signing (for requests that must fail before their signature is checked). */
  unsigned?: boolean;
}

/** A signed Dummy request assembled from our codec, with hooks to break any part of it. */
export function signedDummyRequest(o: RawRequestOptions): { headers: Record<string, string>; body: string } {
  const synapse = Dummy.create({ dummy_input: o.dummyInput ?? 4 });
  synapse.timeout = o.timeout ?? 12;
  const nonce = o.nonce ?? processNonces.next();
  const uuid = o.uuid ?? '5ecbd69c-1cec-11ee-b0dc-e29ce36fec1a';
  synapse.dendrite = { ...emptyTerminal(), version: SDK_VERSION, nonce, uuid, hotkey: o.signer.ss58Address };
  synapse.axon = { ...emptyTerminal(), hotkey: o.axonHotkey };
  const bodyHash = Dummy.bodyHash(synapse);
  const message = dendriteSignatureMessage({
    nonce,
    dendriteHotkey: o.signer.ss58Address,
    axonHotkey: o.axonHotkey,
    uuid,
    bodyHash,
  });
  synapse.dendrite.signature = o.unsigned
    ? `0x${'00'.repeat(64)}`
    : `0x${Buffer.from((o.signWith ?? o.signer).sign(message)).toString('hex')}`;
  const body = o.body ?? stringifyLosslessJson(synapse);
  const headers = synapseToHeaders({ synapse, bodyHash, inputObjHeaders: Dummy.inputObjHeaders });
  headers['content-type'] = 'application/json';
  for (const [k, v] of Object.entries(o.headers ?? {})) {
    if (v === undefined) delete headers[k];
    else headers[k] = v;
  }
  return { headers, body };
}

/** A plain HTTP server on 127.0.0.1:0 for playing a misbehaving miner. */
export async function rawServer(
  handler: (req: IncomingMessage, res: ServerResponse, body: string) => void,
): Promise<{ server: Server; port: number; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handler(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port on 127.0.0.1 with nothing listening. */
export async function closedPort(): Promise<number> {
  const { port, close } = await rawServer(() => undefined);
  await close();
  return port;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
