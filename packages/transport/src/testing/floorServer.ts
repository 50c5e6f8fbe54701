import Fastify from 'fastify';

// The HTTP floor for the axon bench: fastify configured like the axon (string body, no request
// logging) answering POST /Dummy with a reply of the same size and header count, but no synapse
// work and no signature check. Its CPU per request is what any fastify axon pays on this machine.
const BODY = JSON.stringify({ message: 'x'.repeat(1100) });
const HEADERS: Record<string, string> = Object.fromEntries(
  Array.from({ length: 12 }, (_, i) => [`bt_header_floor_${i}`, 'y'.repeat(40)]),
);

export async function startFloorServer(): Promise<{
  address: { ip: string; port: number };
  stop: () => Promise<void>;
}> {
  const f = Fastify({ bodyLimit: 1024 * 1024 });
  f.removeAllContentTypeParsers();
  f.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => {
    done(null, JSON.parse(body as string));
  });
  f.post('/Dummy', async (_req, reply) =>
    reply.code(200).headers(HEADERS).header('content-type', 'application/json').send(BODY),
  );
  await f.listen({ host: '127.0.0.1', port: 0 });
  const addr = f.server.address();
  const port = addr !== null && typeof addr === 'object' ? addr.port : 0;
  return { address: { ip: '127.0.0.1', port }, stop: () => f.close() };
}
