import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { seededRandom } from '../chaos/seededRandom.js';

/**
 * An HTTP relay in front of a miner's axon: the port the miner posts on chain
 * (`--axon.external_port`) is this proxy's, so validators reach the miner through it. It counts the
 * requests the miner served (the soak's "requests served", which survives the miner's restarts).
 * Transparent until `garbage` is switched on (--chaos); then every answer is garbage: random bytes, a truncated answer,
 * or the real answer with each field's value swapped for one of the wrong type. The miner itself
 * keeps working and never knows.
 */
export class AxonProxy {
  private server: Server | undefined;
  private readonly random: () => number;
  garbage = false;
  /** relayed: answered by the miner; served: with a 2xx; garbled: replaced; failed: no answer. */
  readonly counts = { relayed: 0, served: 0, garbled: 0, failed: 0 };

  constructor(
    private readonly target: { host: string; port: number },
    readonly listen: { host: string; port: number },
    seed: string,
  ) {
    this.random = seededRandom(seed);
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.relay(req.method ?? 'POST', req.url ?? '/', req.headers, Buffer.concat(chunks)).then(
          (answer) => {
            res.writeHead(answer.status, answer.headers);
            res.end(answer.body);
          },
          () => {
            this.counts.failed++;
            res.writeHead(502).end();
          },
        );
      });
    });
    server.keepAliveTimeout = 5_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.listen.port, this.listen.host, () => resolve());
    });
    this.listen.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async relay(
    method: string,
    path: string,
    headers: IncomingHttpHeaders,
    body: Buffer,
  ): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
    const real = await forward(this.target, method, path, headers, body);
    this.counts.relayed++;
    if (real.status >= 200 && real.status < 300) this.counts.served++;
    if (!this.garbage) return real;
    this.counts.garbled++;
    const bad = this.garble(real.body);
    const { 'content-length': _dropped, ...rest } = real.headers;
    return { status: 200, headers: { ...rest, 'content-type': 'application/json' }, body: bad };
  }

  private garble(real: Buffer): Buffer {
    const mode = Math.floor(this.random() * 3);
    if (mode === 0) {
      return Buffer.from(Array.from({ length: 64 + Math.floor(this.random() * 512) }, () => this.byte()));
    }
    if (mode === 1) return real.subarray(0, Math.floor(real.length * this.random()));
    try {
      const parsed: unknown = JSON.parse(real.toString('utf8'));
      return Buffer.from(JSON.stringify(this.wrongTypes(parsed)));
    } catch {
      return Buffer.from('{"garbage": tru');
    }
  }

  /** Every field's value replaced by one of another type (numbers become text, text a number, …). */
  private wrongTypes(value: unknown): unknown {
    if (Array.isArray(value)) return value.length === 0 ? { not: 'a list' } : value.map(() => 'x');
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.wrongTypes(v)]));
    }
    if (typeof value === 'number') return 'NaN';
    if (typeof value === 'string') return this.random() < 0.5 ? -1 : [value];
    if (typeof value === 'boolean') return 'maybe';
    return { surprise: this.random() };
  }

  private byte(): number {
    return Math.floor(this.random() * 256);
  }
}

function forward(
  target: { host: string; port: number },
  method: string,
  path: string,
  headers: IncomingHttpHeaders,
  body: Buffer,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  // Node sets Host for the miner's own address.
  const { host: _host, ...sent } = headers;
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: target.host, port: target.port, method, path, headers: sent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.setTimeout(60_000, () => req.destroy(new Error('axon did not answer within 60 s')));
    req.end(body);
  });
}
