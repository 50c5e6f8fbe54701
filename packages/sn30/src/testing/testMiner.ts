import type { SdxlPipeline } from '@taonode/diffusion';
import { type AxonTarget, createAxon } from '@taonode/transport';
import type { Keypair } from '@taonode/wallet';
import { GeneratorService } from '../generator/generatorService.js';
import { type FrameGenerator, LocalGenerator } from '../miner/frameGenerator.js';
import { GeneratorPool } from '../miner/generatorPool.js';
import { attachMiner, type MinerHandlersOptions, minerHandlers } from '../miner/minerHandlers.js';
import { ResultStore } from '../miner/resultStore.js';

export interface TestMiner {
  target: AxonTarget;
  store: ResultStore;
  pool: GeneratorPool;
  logs: Record<string, unknown>[];
  stop(): Promise<void>;
}

/**
 * An SN30 miner axon on 127.0.0.1 for tests and benches: the real handlers over a generator pool
 * (the in-process tiny pipeline by default, or the generators given), no chain, no blacklist.
 */
export async function startTestMiner(options: {
  signer: Keypair;
  model: string;
  pipeline?: SdxlPipeline;
  generators?: FrameGenerator[];
  minSize?: number;
  storeBytes?: number;
  concurrency?: number;
  maxConcurrentForwards?: number;
  handlers?: Partial<MinerHandlersOptions>;
}): Promise<TestMiner> {
  const logs: Record<string, unknown>[] = [];
  const generators =
    options.generators ??
    (options.pipeline
      ? [
          new LocalGenerator(
            new GeneratorService({
              pipeline: options.pipeline,
              concurrency: options.concurrency ?? 1,
              queueLimit: 1024,
            }),
            options.model,
          ),
        ]
      : []);
  const pool = new GeneratorPool({ generators, log: (e) => logs.push(e), recheckMs: 200 });
  const store = new ResultStore({ maxBytes: options.storeBytes ?? 256 * 1024 * 1024 });
  const handlers = minerHandlers({
    pool,
    store,
    model: options.model,
    minSize: options.minSize ?? 8,
    log: (e) => logs.push(e),
    ...options.handlers,
  });
  const axon = createAxon({
    signer: options.signer,
    ip: '127.0.0.1',
    port: 0,
    maxConcurrentForwards: options.maxConcurrentForwards ?? 512,
  });
  attachMiner(axon, handlers);
  await axon.start();
  pool.start();
  return {
    target: { ip: '127.0.0.1', port: axon.address.port, hotkey: options.signer.ss58Address },
    store,
    pool,
    logs,
    stop: async () => {
      pool.stop();
      await axon.stop();
    },
  };
}
