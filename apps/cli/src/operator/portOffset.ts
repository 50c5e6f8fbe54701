import { createServer } from 'node:net';

/** Whether nothing listens on `port` on any interface right now. */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '0.0.0.0', () => server.close(() => resolve(true)));
  });
}

/**
 * A TAONODE_PM2_PORT_OFFSET that puts every one of `basePorts` on a port free right now. Random, so
 * daemons already on the ecosystem's ports (an operator's, another test's) do not clash; between
 * `min` and `max` (default 1,000–9,000: below the 10,000+ offsets of the SN2/SN24 pm2 test, and
 * ports below Linux's ephemeral range, 32768+, where ports handed out by the OS come from).
 */
export async function freePortOffset(
  basePorts: readonly number[],
  { min = 1_000, max = 9_000, tries = 50 } = {},
): Promise<number> {
  const ports = [...new Set(basePorts)];
  for (let i = 0; i < tries; i++) {
    const offset = min + Math.floor(Math.random() * (max - min));
    const free = await Promise.all(ports.map((p) => portIsFree(p + offset)));
    if (free.every(Boolean)) return offset;
  }
  throw new Error(`no free port offset for ${ports.join(', ')} after ${tries} tries`);
}
