import { describe, expect, it } from 'vitest';
import { startHealthServer } from './healthServer.js';
import { createNeuronMetrics } from './neuronMetrics.js';

describe('health server', () => {
  it('serves /healthz and Prometheus /metrics on a free port', async () => {
    const metrics = createNeuronMetrics({ role: 'miner', netuid: 2 });
    metrics.block.set(42);
    let ok = true;
    const server = await startHealthServer({
      host: '127.0.0.1',
      port: 0,
      registry: metrics.registry,
      health: () => ({ ok, block: 42 }),
    });
    try {
      const base = `http://127.0.0.1:${server.port}`;
      const h = await fetch(`${base}/healthz`);
      expect(h.status).toBe(200);
      expect(await h.json()).toEqual({ ok: true, block: 42 });
      ok = false;
      expect((await fetch(`${base}/healthz`)).status).toBe(503);
      const m = await fetch(`${base}/metrics`);
      expect(m.headers.get('content-type')).toMatch(/text\/plain/);
      const text = await m.text();
      expect(text).toMatch(/taonode_chain_block\{role="miner",netuid="2"\} 42/);
      expect(text).toMatch(/taonode_process_resident_memory_bytes/);
      expect((await fetch(`${base}/nope`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
