import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';

/** A port free right now on `host` (the OS picks it); good enough for a local demo. */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
