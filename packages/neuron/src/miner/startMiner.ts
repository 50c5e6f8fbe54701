import type { Keypair } from '@taonode/wallet';
import type { Logger } from 'pino';
import type { MetagraphCache } from '../chainPort/metagraphCache.js';
import type { ChainPort, NeuronMetagraph } from '../chainPort/types.js';
import type { NeuronConfig } from '../config/neuronConfig.js';
import type { NeuronMetrics } from '../health/neuronMetrics.js';
import type { RuntimePorts } from '../runner/runtimePorts.js';
import type { MinerHooks } from '../subnet/minerPlugin.js';
import { callerPriority, judgeCaller } from './callerPolicy.js';

export interface RunningMiner {
  axonPort: number;
  stop(): Promise<void>;
}

/**
 * Builds the axon with the runtime's guards, lets the plug-in attach, serves, and posts axon info;
 * afterwards each metagraph refresh re-posts it if the chain's copy no longer matches (the uid was
 * re-registered, someone reset it), so validators can always find this miner.
 */
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
  const ip = config.axon.externalIp ?? config.axon.ip;
  const externalPort = config.axon.externalPort ?? port;
  logger.info({ ip: config.axon.ip, port, externalIp: ip, externalPort }, 'axon serving');
  let unsubscribe = () => {};
  if (ip === '0.0.0.0' || ip === '::' || ip === '[::]') {
    logger.warn(
      'axon bound to all interfaces without --axon.external_ip: not posting axon info; validators cannot find this miner',
    );
  } else {
    const post = async () => {
      const result = await args.chain.serveAxon({ netuid: config.netuid, ip, port: externalPort });
      logger.info(
        { ip, port: externalPort, result },
        result === 'served' ? 'axon info posted on chain' : 'axon info already on chain',
      );
    };
    await post();
    unsubscribe = watchAxonInfo(cache, args.signer.ss58Address, { ip, port: externalPort }, post, logger);
  }
  return {
    axonPort: port,
    stop: async () => {
      unsubscribe();
      await handle.stop();
      await args.hooks.close?.();
    },
  };
}

/** Re-posts axon info when a refreshed metagraph shows something else for this hotkey's uid. */
function watchAxonInfo(
  cache: MetagraphCache,
  hotkey: string,
  want: { ip: string; port: number },
  post: () => Promise<void>,
  logger: Logger,
): () => void {
  let posting = false;
  let deregistered = false;
  return cache.onUpdate((mg: NeuronMetagraph) => {
    const uid = cache.uidOf(hotkey);
    if (uid === undefined) {
      if (!deregistered)
        logger.error({ hotkey }, 'hotkey no longer registered on the subnet; register it again');
      deregistered = true;
      return;
    }
    deregistered = false;
    const onChain = mg.axons[uid];
    if (posting || (onChain && onChain.ip === want.ip && onChain.port === want.port)) return;
    posting = true;
    logger.info({ uid, onChain, want }, 'axon info on chain differs; posting it again');
    post()
      .catch((error: unknown) => logger.warn({ err: error }, 'posting axon info failed; will retry'))
      .finally(() => {
        posting = false;
      });
  });
}
