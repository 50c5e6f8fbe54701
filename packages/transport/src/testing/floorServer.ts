import { Keypair } from '@taonode/wallet';
import Fastify from 'fastify';
import { synapseToHeaders } from '../codec/headers.js';
import { parseLosslessJson, stringifyLosslessJson } from '../codec/losslessJson.js';
import { Dummy, signedDummyRequest } from './fixtures.js';

// The HTTP floor for the axon bench: fastify configured like the axon (string body, no request
// logging) answering POST /Dummy with the reply an axon sends to a bench request — the same header
// names, values of the same lengths, the same body length — but built once: no synapse work, no
// signature check. Every wire-compatible axon must read such a request and send those headers
// (the SDK's format), so this route's CPU per request is what any fastify axon pays here.
function benchReply(): { headers: Record<string, string>; body: string } {
  const request = signedDummyRequest({
    signer: Keypair.fromUri('//Bob'),
    axonHotkey: Keypair.fromUri('//Alice').ss58Address,
    uuid: 'run0-1234',
    timeout: 600,
  });
  const parsed = Dummy.parse(parseLosslessJson(request.body));
  if (!parsed.success) throw new Error('bench request does not parse');
  const synapse = parsed.data;
  synapse.dummy_output = 8;
  synapse.axon = { ...synapse.axon, status_code: 200, status_message: 'Success', process_time: 0.001 };
  const body = stringifyLosslessJson(synapse);
  const headers = synapseToHeaders({
    synapse,
    bodyHash: request.headers.computed_body_hash!,
    inputObjHeaders: Dummy.inputObjHeaders,
    totalSize: body.length,
  });
  headers['content-type'] = 'application/json';
  return { headers, body };
}

export async function startFloorServer(): Promise<{
  address: { ip: string; port: number };
  stop: () => Promise<void>;
}> {
  const { headers, body } = benchReply();
  const f = Fastify({ bodyLimit: 1024 * 1024 });
  f.removeAllContentTypeParsers();
  f.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => {
    done(null, JSON.parse(body as string));
  });
  f.post('/Dummy', (_req, reply) => {
    reply.code(200).headers(headers).send(body);
  });
  await f.listen({ host: '127.0.0.1', port: 0 });
  const addr = f.server.address();
  const port = addr !== null && typeof addr === 'object' ? addr.port : 0;
  return { address: { ip: '127.0.0.1', port }, stop: () => f.close() };
}
