import type { Keypair } from '@taonode/wallet';
import type { Logger } from 'pino';
import type { MetagraphCache } from '../chainPort/metagraphCache.js';
import type { ChainPort } from '../chainPort/types.js';
import type { NeuronConfig } from '../config/neuronConfig.js';
import type { NeuronMetrics } from '../health/neuronMetrics.js';
import type { RuntimePorts } from '../runner/runtimePorts.js';
import type { MinerHooks } from '../subnet/minerPlugin.js';
import { callerPriority, judgeCaller } from './callerPolicy.js';

export interface RunningMiner {
  axonPort: number;
  stop(): Promise<void>;
}

/** Builds the axon with the runtime's guards, lets the plug-in attach, serves, posts axon info. */
export async function startMiner<A, G, D>(args: {
  config: NeuronConfig;
  signer: Keypair;
  chain: ChainPort;
  cache: MetagraphCache;
  ports: RuntimePorts<A, G, D>;
  hooks: MinerHooks<A, G>;
  logger: Logger;
  metrics: NeuronMetrics;
}): Promise<RunningMiner> {
  const { config, cache, logger, metrics } = args;
  const handle = args.ports.createAxon({
    signer: args.signer,
    config,
    logger,
    guards: {
      judge: (hotkey) => {
        const verdict = judgeCaller(cache, hotkey, config.blacklist);
        if (!verdict.allow) metrics.blacklisted.inc({ reason: verdict.reason.split(' ')[0] ?? 'other' });
        return verdict;
      },
      priority: (hotkey) => callerPriority(cache, hotkey),
    },
  });
  args.hooks.attach(handle.axon, handle.hooks);
  const { port } = await handle.start();
  const externalIp = config.axon.externalIp ?? config.axon.ip;
  const externalPort = config.axon.externalPort ?? port;
  logger.info({ ip: config.axon.ip, port, externalIp, externalPort }, 'axon serving');
  await postAxon(args.chain, config, externalIp, externalPort, logger);
  return {
    axonPort: port,
    stop: async () => {
      await handle.stop();
      await args.hooks.close?.();
    },
  };
}

async function postAxon(chain: ChainPort, config: NeuronConfig, ip: string, port: number, logger: Logger) {
  if (ip === '0.0.0.0' || ip === '::' || ip === '[::]') {
    logger.warn(
      'axon bound to all interfaces without --axon.external_ip: not posting axon info; validators cannot find this miner',
    );
    return;
  }
  const result = await chain.serveAxon({ netuid: config.netuid, ip, port });
  logger.info(
    { ip, port, result },
    result === 'served' ? 'axon info posted on chain' : 'axon info already on chain',
  );
}
