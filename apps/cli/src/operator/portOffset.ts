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
 * daemons already on the ecosystem's ports (an operator's, another test's) do not clash, and below
 * Linux's ephemeral range (32768+), where free ports handed out by the OS come from.
 */
export async function freePortOffset(basePorts: readonly number[], tries = 50): Promise<number> {
  const ports = [...new Set(basePorts)];
  const top = Math.max(...ports);
  for (let i = 0; i < tries; i++) {
    const offset = 10_000 + Math.floor(Math.random() * (32_000 - top - 10_000));
    const free = await Promise.all(ports.map((p) => portIsFree(p + offset)));
    if (free.every(Boolean)) return offset;
  }
  throw new Error(`no free port offset for ${ports.join(', ')} after ${tries} tries`);
}
