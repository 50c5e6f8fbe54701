import { MetagraphCache } from '../chainPort/metagraphCache.js';
import type { ChainPort } from '../chainPort/types.js';
import { ConfigError } from '../config/configError.js';
import { loadConfig } from '../config/loadConfig.js';
import type { NeuronConfig, Role } from '../config/neuronConfig.js';
import type { OptionSpec } from '../config/options.js';
import { type HealthServer, startHealthServer } from '../health/healthServer.js';
import { createNeuronMetrics } from '../health/neuronMetrics.js';
import { runDaemon } from '../lifecycle/runDaemon.js';
import { createLogger, type Logger } from '../log/createLogger.js';
import { startMiner } from '../miner/startMiner.js';
import type { SubnetPlugin } from '../subnet/subnetPlugin.js';
import { startValidator } from '../validator/startValidator.js';
import { EXIT_CONFIG, EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from './exitCodes.js';
import { loadHotkey, registerCommand } from './loadHotkey.js';
import { NeuronExit } from './neuronExit.js';
import type { RuntimePorts } from './runtimePorts.js';
import { waitForRegistration } from './waitForChain.js';

export interface RunNeuronOptions<A, G, D, Round> {
  /** Process name for logs (`sn2-miner`, `test-validator`). */
  app: string;
  role: Role;
  plugin: SubnetPlugin<D, Round, A, G>;
  ports: RuntimePorts<A, G, D>;
  argv: readonly string[];
  env?: Readonly<Record<string, string | undefined>>;
  appDefaultsFile?: string;
  /** Extra options the caller handles itself (e.g. the test runner's `--role`), listed in --help. */
  extraOptions?: readonly OptionSpec[];
  write?: { out: (s: string) => void; err: (s: string) => void };
}

/** Parses the config, then runs the miner or validator until SIGINT/SIGTERM. Returns the exit code. */
export async function runNeuron<A, G, D, Round>(options: RunNeuronOptions<A, G, D, Round>): Promise<number> {
  const out = options.write?.out ?? ((s: string) => process.stdout.write(s));
  const err = options.write?.err ?? ((s: string) => process.stderr.write(s));
  let config: NeuronConfig;
  try {
    const loaded = loadConfig({
      role: options.role,
      argv: options.argv,
      env: options.env,
      appDefaultsFile: options.appDefaultsFile,
      extraOptions: [...(options.extraOptions ?? []), ...(options.plugin.options ?? [])],
      usage: `Usage: ${options.app} [options]\n\n${options.plugin.name} ${options.role} daemon (taonode).`,
    });
    if (loaded.kind === 'help') {
      out(loaded.text);
      return EXIT_OK;
    }
    config = loaded.config;
  } catch (error) {
    if (error instanceof ConfigError) {
      err(`${options.app}: ${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
  const problem = options.plugin.checkConfig?.(config);
  if (problem) {
    err(`${options.app}: ${problem}\n`);
    return EXIT_USAGE;
  }
  const logger = createLogger({
    level: config.logging.level,
    format: config.logging.format,
    name: options.app,
  });
  try {
    return await runDaemon((ctx) => start(options, config, ctx.logger, ctx.signal), { logger });
  } catch (error) {
    if (error instanceof NeuronExit) {
      logger.error({ exitCode: error.exitCode }, error.message);
      // JSON logs are for machines; say it once more in plain words for the operator.
      if (config.logging.format === 'json') err(`${options.app}: ${error.message}\n`);
      return error.exitCode;
    }
    logger.fatal({ err: error }, 'daemon failed to start');
    return EXIT_FAILURE;
  } finally {
    logger.flush?.();
  }
}

async function start<A, G, D, Round>(
  options: RunNeuronOptions<A, G, D, Round>,
  config: NeuronConfig,
  logger: Logger,
  signal: AbortSignal,
): Promise<() => Promise<void>> {
  const { plugin, ports, role } = options;
  const metrics = createNeuronMetrics({ role, netuid: config.netuid });
  const signer = await loadHotkey(config);
  const log = logger.child({ hotkey: signer.ss58Address, netuid: config.netuid });
  log.info(
    { role, subnet: plugin.name, endpoint: config.subtensor.chainEndpoint, stateDir: config.neuron.stateDir },
    'starting',
  );
  const status = { connected: false, block: 0, uid: undefined as number | undefined, startedAt: Date.now() };
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) {
      try {
        await stop();
      } catch (error) {
        log.warn({ err: error }, 'error while stopping a part');
      }
    }
  };
  let lastStepAt: () => number = () => 0;
  const health: HealthServer = await startHealthServer({
    host: config.metrics.host,
    port: config.metrics.port,
    registry: metrics.registry,
    health: () => {
      const stepAge = lastStepAt() ? (Date.now() - lastStepAt()) / 1000 : null;
      const stale =
        role === 'validator' && stepAge !== null && stepAge > 10 * (config.neuron.timeoutSeconds + 60);
      return {
        ok: status.connected && !stale,
        role,
        netuid: config.netuid,
        ...status,
        uid: status.uid ?? null,
        stepAge,
      };
    },
  });
  stops.push(() => health.close());
  log.info({ port: health.port, host: config.metrics.host }, 'health and metrics listening');
  try {
    const chain: ChainPort = await ports.connectChain({
      endpoint: config.subtensor.chainEndpoint,
      signer,
      config,
      logger: log,
      onConnection: (connected) => {
        status.connected = connected;
        metrics.chainConnected.set(connected ? 1 : 0);
        if (connected) log.info('chain connected');
        else log.warn('chain connection lost; reconnecting');
      },
    });
    stops.push(() => chain.close());
    const cache = new MetagraphCache(
      () => chain.metagraph(config.netuid),
      config.neuron.metagraphRefreshBlocks,
      log,
      (mg, ok) => {
        metrics.metagraphSyncs.inc({ result: ok ? 'ok' : 'error' });
        metrics.metagraphN.set(mg.hotkeys.length);
      },
    );
    status.uid = await waitForRegistration({ cache, hotkey: signer.ss58Address, signal, logger: log });
    if (status.uid === undefined) {
      throw new NeuronExit(
        `hotkey ${signer.ss58Address} is not registered on netuid ${config.netuid}.\nregister it with: ${registerCommand(config)}`,
        EXIT_CONFIG,
      );
    }
    log.info({ uid: status.uid }, 'registered');
    const unsubscribe = await chain.subscribeBlocks((block) => {
      status.block = block;
      metrics.block.set(block);
      cache.onBlock(block);
    });
    stops.push(async () => unsubscribe());
    const pluginCtx = { config, logger: log, signal };
    if (role === 'miner') {
      if (!plugin.createMiner) throw new NeuronExit(`subnet ${plugin.name} has no miner`, EXIT_CONFIG);
      const hooks = await plugin.createMiner(pluginCtx);
      const miner = await startMiner({ config, signer, chain, cache, ports, hooks, logger: log, metrics });
      // Last in, first out: stop serving before the chain and the health server go.
      stops.push(() => miner.stop());
    } else {
      if (!plugin.createValidator)
        throw new NeuronExit(`subnet ${plugin.name} has no validator`, EXIT_CONFIG);
      const hooks = await plugin.createValidator(pluginCtx);
      const dendrite = ports.createDendrite({ signer, config, logger: log });
      const validator = await startValidator({
        config,
        hotkey: signer.ss58Address,
        versionKey: plugin.versionKey,
        chain,
        cache,
        dendrite,
        hooks,
        logger: log,
        metrics,
        signal,
      });
      lastStepAt = () => validator.loop.lastStepTime;
      // Let the step in flight finish (and persist) while the chain is still connected.
      stops.push(async () => {
        await validator.done;
        await hooks.close?.();
      });
    }
  } catch (error) {
    await stopAll();
    throw error;
  }
  return stopAll;
}
