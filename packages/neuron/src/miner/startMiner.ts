import type { Keypair } from '@taonode/wallet';
import type { Logger } from 'pino';
import type { MetagraphCache } from '../chainPort/metagraphCache.js';
import type { ChainPort, NeuronMetagraph } from '../chainPort/types.js';
import type { NeuronConfig } from '../config/neuronConfig.js';
import type { NeuronEventBus } from '../events/neuronEvents.js';
import type { NeuronMetrics } from '../health/neuronMetrics.js';
import { runLoop } from '../lifecycle/runLoop.js';
import type { RuntimePorts } from '../runner/runtimePorts.js';
import type { MinerHooks } from '../subnet/minerPlugin.js';
import type { PluginContext } from '../subnet/pluginContext.js';
import { callerPriority, judgeCaller } from './callerPolicy.js';
import { type InterfaceMap, postedAddress } from './externalAddress.js';

export interface RunningMiner {
  /** The axon's port, undefined for a miner without one. */
  axonPort: number | undefined;
  stop(): Promise<void>;
}

/** Seconds between two rounds of a miner's `run` when it does not say. */
const DEFAULT_ROUND_PAUSE_S = 60;

/**
 * Builds the axon with the runtime's guards, lets the plug-in attach, serves, and posts axon info;
 * afterwards each metagraph refresh re-posts it if the chain's copy no longer matches (the uid was
 * re-registered, someone reset it), so validators can always find this miner. A plug-in's own work
 * loop (`run`) runs beside it, or alone for a miner without an axon.
 */
export async function startMiner<A, G, D, O>(args: {
  config: NeuronConfig;
  signer: Keypair;
  chain: ChainPort;
  cache: MetagraphCache;
  ports: RuntimePorts<A, G, D>;
  hooks: MinerHooks<A, G, O>;
  pluginCtx: PluginContext<O>;
  logger: Logger;
  metrics: NeuronMetrics;
  events: NeuronEventBus;
  signal: AbortSignal;
  /** The interface table `postedAddress` looks at (tests); default this machine's. */
  interfaces?: InterfaceMap;
}): Promise<RunningMiner> {
  const { logger, hooks } = args;
  if (args.config.blacklist.disabled)
    logger.warn('blacklist disabled (--neuron.disable_blacklist): answering every caller');
  const stops: (() => Promise<void>)[] = [];
  let axonPort: number | undefined;
  if (hooks.attach) {
    const served = await serveAxon({ ...args, attach: hooks.attach.bind(hooks) });
    axonPort = served.port;
    stops.push(served.stop);
  }
  if (hooks.run) {
    const run = hooks.run.bind(hooks);
    let pauseS = DEFAULT_ROUND_PAUSE_S;
    const done = runLoop({
      name: 'miner round',
      step: async () => {
        pauseS = (await run(args.pluginCtx)) ?? DEFAULT_ROUND_PAUSE_S;
      },
      intervalMs: () => pauseS * 1000,
      signal: args.signal,
      logger,
    });
    stops.push(() => done);
  }
  if (!hooks.attach && !hooks.run) logger.warn('this miner plug-in has neither synapses nor a work loop');
  return {
    axonPort,
    stop: async () => {
      for (const stop of stops.reverse()) await stop();
      await hooks.close?.();
    },
  };
}

/**
 * The axon with the runtime's guards, the plug-in's synapses attached, serving and posted on chain
 * (a miner's; a validator's too when its plug-in serves one). Request events go to `events`.
 */
export async function serveAxon<A, G, D>(args: {
  config: NeuronConfig;
  signer: Keypair;
  chain: ChainPort;
  cache: MetagraphCache;
  ports: RuntimePorts<A, G, D>;
  attach: (axon: A, guards: G) => void;
  logger: Logger;
  metrics: NeuronMetrics;
  events: NeuronEventBus;
  interfaces?: InterfaceMap;
}): Promise<{ port: number; stop: () => Promise<void> }> {
  const { config, cache, metrics } = args;
  const handle = args.ports.createAxon({
    signer: args.signer,
    config,
    logger: args.logger,
    guards: {
      judge: (hotkey) => {
        const verdict = judgeCaller(cache, hotkey, config.blacklist);
        if (!verdict.allow) metrics.blacklisted.inc({ reason: verdict.reason.split(' ')[0] ?? 'other' });
        return verdict;
      },
      priority: (hotkey) => callerPriority(cache, hotkey),
      uidOf: (hotkey) => cache.uidOf(hotkey),
    },
    onRequest: (event) => {
      metrics.requests.inc({ synapse: event.synapse, result: event.outcome, status: String(event.status) });
      args.events.emit('request', event);
    },
  });
  args.attach(handle.axon, handle.hooks);
  const { port } = await handle.start();
  const unpost = await postAxon(args, port);
  return {
    port,
    stop: async () => {
      await unpost();
      await handle.stop();
    },
  };
}

/** Posts axon info (now and whenever the chain's copy differs); returns the unsubscribe. */
async function postAxon(
  args: {
    config: NeuronConfig;
    signer: Keypair;
    chain: ChainPort;
    cache: MetagraphCache;
    logger: Logger;
    interfaces?: InterfaceMap;
  },
  port: number,
): Promise<() => Promise<void>> {
  const { config, logger } = args;
  const externalPort = config.axon.externalPort ?? port;
  const address = postedAddress({
    bindIp: config.axon.ip,
    externalIp: config.axon.externalIp,
    localChain: config.subtensor.local,
    ...(args.interfaces ? { interfaces: args.interfaces } : {}),
  });
  logger.info(
    { ip: config.axon.ip, port, externalIp: address.ok ? address.ip : null, externalPort },
    'axon serving',
  );
  if (!address.ok) {
    logger.warn({ reason: address.reason }, `not posting axon info: ${address.reason}`);
    return async () => {};
  }
  const ip = address.ip;
  const post = async () => {
    const result = await args.chain.serveAxon({ netuid: config.netuid, ip, port: externalPort });
    logger.info(
      { ip, port: externalPort, result, address: address.how },
      result === 'served' ? 'axon info posted on chain' : 'axon info already on chain',
    );
  };
  await post();
  const off = watchAxonInfo(args.cache, args.signer.ss58Address, { ip, port: externalPort }, post, logger);
  return async () => off();
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
