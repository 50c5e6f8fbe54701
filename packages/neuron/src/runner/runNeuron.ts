import { readFileSync } from 'node:fs';
import { SDK_VERSION } from '@taonode/transport';
import { Gauge } from 'prom-client';
import { MetagraphCache } from '../chainPort/metagraphCache.js';
import type { ChainPort, NeuronMetagraph } from '../chainPort/types.js';
import { ConfigError } from '../config/configError.js';
import type { OptionSchema, OptionsOf } from '../config/defineOptions.js';
import { loadConfig } from '../config/loadConfig.js';
import type { NeuronConfig, Role } from '../config/neuronConfig.js';
import type { OptionSpec } from '../config/options.js';
import { dashboardUrl } from '../dashboard/dashboardUrl.js';
import { dashboardConfigProblem, openNeuronDashboard } from '../dashboard/openNeuronDashboard.js';
import { recordNeuronEvents } from '../dashboard/recordNeuronEvents.js';
import { NeuronEventBus, type NeuronEvents } from '../events/neuronEvents.js';
import { type HealthServer, startHealthServer } from '../health/healthServer.js';
import { createNeuronMetrics } from '../health/neuronMetrics.js';
import { runDaemon } from '../lifecycle/runDaemon.js';
import { createLogger, type Logger } from '../log/createLogger.js';
import { serveAxon, startMiner } from '../miner/startMiner.js';
import { MINER_STATE_FILE, STATE_FILE } from '../state/stateFile.js';
import { logOpenOutcome, StateStore } from '../state/stateStore.js';
import type { PluginContext } from '../subnet/pluginContext.js';
import type { SubnetPlugin } from '../subnet/subnetPlugin.js';
import { type RunningValidator, startValidator } from '../validator/startValidator.js';
import { EXIT_CONFIG, EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from './exitCodes.js';
import { loadHotkey, registerCommand } from './loadHotkey.js';
import { NeuronExit } from './neuronExit.js';
import { exitNotImplemented } from './notImplemented.js';
import { pluginChain } from './pluginChain.js';
import type { RuntimePorts } from './runtimePorts.js';
import { waitForRegistration } from './waitForChain.js';

/** Something that follows a running daemon (a dashboard): called once at start; may return its own stop. */
export type NeuronObserver = (
  events: NeuronEvents,
  info: { app: string; role: Role; config: NeuronConfig; logger: Logger },
) => void | (() => Promise<void>) | Promise<void | (() => Promise<void>)>;

export interface RunNeuronOptions<S extends OptionSchema, A, G, D> {
  /** Process name for logs (`sn2-miner`, `test-validator`). */
  app: string;
  role: Role;
  plugin: SubnetPlugin<S, D, A, G>;
  ports: RuntimePorts<A, G, D>;
  argv: readonly string[];
  env?: Readonly<Record<string, string | undefined>>;
  appDefaultsFile?: string;
  /** Extra options the caller handles itself (e.g. the test runner's `--role`), listed in --help. */
  extraOptions?: readonly OptionSpec[];
  observers?: readonly NeuronObserver[];
  write?: { out: (s: string) => void; err: (s: string) => void };
}

/** `0.1.0` of this runtime (src/ and dist/ sit at the same depth under the package). */
export const RUNTIME_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

function versionLine(app: string, plugin: SubnetPlugin<OptionSchema, unknown, unknown, unknown>): string {
  const sdk = `${Math.floor(SDK_VERSION / 1_000_000)}.${Math.floor(SDK_VERSION / 1_000) % 1_000}.${SDK_VERSION % 1_000}`;
  const weights = plugin.pending ? 'not implemented yet' : `weights version ${plugin.versionKey}`;
  return `${app} ${RUNTIME_VERSION} (taonode; ${plugin.name} ${weights}; bittensor wire protocol ${sdk})\n`;
}

/** Parses the config, then runs the miner or validator until SIGINT/SIGTERM. Returns the exit code. */
export async function runNeuron<S extends OptionSchema, A, G, D>(
  options: RunNeuronOptions<S, A, G, D>,
): Promise<number> {
  const out = options.write?.out ?? ((s: string) => process.stdout.write(s));
  const err = options.write?.err ?? ((s: string) => process.stderr.write(s));
  const { plugin, role, app } = options;
  let loaded: ReturnType<typeof loadConfig<S>>;
  try {
    loaded = loadConfig<S>({
      role,
      argv: options.argv,
      env: options.env,
      appDefaultsFile: options.appDefaultsFile,
      options: plugin.options,
      extraOptions: options.extraOptions,
      servesAxon: role === 'miner' || plugin.validatorServesAxon === true,
      usage:
        `Usage: ${app} [options]\n\n${plugin.name} ${role} daemon (taonode).` +
        (plugin.pending ? `\n${plugin.pending} is not implemented yet: this app exits 78.` : ''),
    });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    if (plugin.pending) return exitNotImplemented(app, plugin.pending, (l) => err(`${l}\n`));
    err(`${app}: ${error.message} (see --help)\n`);
    return EXIT_USAGE;
  }
  if (loaded.kind === 'help') {
    out(loaded.text);
    return EXIT_OK;
  }
  if (loaded.kind === 'version') {
    out(versionLine(app, plugin as SubnetPlugin<OptionSchema, unknown, unknown, unknown>));
    return EXIT_OK;
  }
  if (plugin.pending) return exitNotImplemented(app, plugin.pending, (l) => err(`${l}\n`));
  const { config, options: pluginOptions, warnings } = loaded;
  const problem = dashboardConfigProblem(config) ?? plugin.checkConfig?.(config, pluginOptions);
  if (problem) {
    err(`${app}: ${problem} (see --help)\n`);
    return EXIT_USAGE;
  }
  const logger = createLogger({
    level: config.logging.level,
    format: config.logging.format,
    name: app,
    ...(config.logging.dir ? { file: `${config.logging.dir}/${app}.log` } : {}),
  });
  for (const warning of warnings) logger.warn(warning);
  try {
    return await runDaemon((ctx) => start(options, config, pluginOptions, ctx.logger, ctx.signal), {
      logger,
    });
  } catch (error) {
    if (error instanceof NeuronExit) {
      logger.error({ exitCode: error.exitCode }, error.message);
      // JSON logs are for machines; say it once more in plain words for the operator.
      if (config.logging.format === 'json') err(`${app}: ${error.message}\n`);
      return error.exitCode;
    }
    logger.fatal({ err: error }, 'daemon failed to start');
    if (config.logging.format === 'json')
      err(`${app}: failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_FAILURE;
  } finally {
    logger.flush?.();
  }
}

async function start<S extends OptionSchema, A, G, D>(
  options: RunNeuronOptions<S, A, G, D>,
  config: NeuronConfig,
  pluginOptions: OptionsOf<S>,
  logger: Logger,
  signal: AbortSignal,
): Promise<() => Promise<void>> {
  const { plugin, ports, role, app } = options;
  const metrics = createNeuronMetrics({ role, netuid: config.netuid });
  const signer = await loadHotkey(config);
  const log = logger.child({ hotkey: signer.ss58Address, netuid: config.netuid });
  log.info(
    { role, subnet: plugin.name, endpoint: config.subtensor.chainEndpoint, stateDir: config.neuron.stateDir },
    'starting',
  );
  const events = new NeuronEventBus((error, name) =>
    log.warn({ err: error, event: name }, 'event listener failed'),
  );
  // The plug-in's figures on /metrics: numbers as they are, flags as 1/0 (strings go to /healthz).
  new Gauge({
    name: 'taonode_plugin_figure',
    help: 'Figures the subnet plug-in publishes (ctx.figures)',
    labelNames: ['name'],
    registers: [metrics.registry],
    collect() {
      this.reset();
      for (const [name, value] of events.figures()) {
        if (typeof value === 'number' && Number.isFinite(value)) this.set({ name }, value);
        else if (typeof value === 'boolean') this.set({ name }, value ? 1 : 0);
      }
    },
  });
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
  let validator: RunningValidator<D> | undefined;
  // A step may take this long before the validator counts as stuck (a plug-in evaluating a model
  // for hours says so); the pause between steps comes on top.
  const budgetS = plugin.stepBudgetSeconds ?? 10 * config.neuron.timeoutSeconds + 600;
  // Opened before the health server (its handler is mounted there); closed after everything else
  // stopped (stops run last in, first out), so the last step and requests reach its history.
  const dashboard = await openNeuronDashboard({ config, role, logger: log });
  if (dashboard) {
    const unrecord = recordNeuronEvents(events, dashboard.recorder, {
      role,
      subnet: plugin.name,
      netuid: config.netuid,
      version: RUNTIME_VERSION,
    });
    stops.push(async () => {
      unrecord();
      await dashboard.close();
    });
  }
  const health: HealthServer = await startHealthServer({
    host: config.metrics.host,
    port: config.metrics.port,
    registry: metrics.registry,
    ...(dashboard ? { dashboard: dashboard.handler } : {}),
    health: () => {
      const now = Date.now();
      const last = validator?.loop.lastStepTime ?? 0;
      const running = validator?.loop.runningSince ?? 0;
      const stepAge = last ? (now - last) / 1000 : null;
      const runningFor = running ? (now - running) / 1000 : null;
      const stale =
        role === 'validator' &&
        ((runningFor !== null && runningFor > budgetS) ||
          (stepAge !== null && stepAge > budgetS + config.neuron.stepIntervalSeconds));
      return {
        ok: status.connected && !stale,
        role,
        netuid: config.netuid,
        ...status,
        uid: status.uid ?? null,
        stepAge,
        stepRunningFor: runningFor,
        stepBudgetSeconds: role === 'validator' ? budgetS : null,
        // What the plug-in publishes (SN21's miner: its commitment's state), for operators' probes.
        figures: Object.fromEntries(events.figures()),
      };
    },
  });
  stops.push(() => health.close());
  log.info({ port: health.port, host: config.metrics.host }, 'health and metrics listening');
  if (dashboard) log.info({ url: dashboardUrl(config.metrics.host, health.port) }, 'dashboard serving');
  try {
    for (const observe of options.observers ?? []) {
      const stop = await observe(events, { app, role, config, logger: log });
      if (stop) stops.push(stop);
    }
    const chain: ChainPort = await ports.connectChain({
      endpoint: config.subtensor.chainEndpoint,
      signer,
      config,
      logger: log,
      signal,
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
    status.uid = await waitForRegistration({
      cache,
      hotkey: signer.ss58Address,
      netuid: config.netuid,
      endpoint: config.subtensor.chainEndpoint,
      signal,
      logger: log,
    });
    if (status.uid === undefined) {
      throw new NeuronExit(
        `hotkey ${signer.ss58Address} is not registered on netuid ${config.netuid}.\nregister it with: ${registerCommand(config)}`,
        EXIT_CONFIG,
      );
    }
    log.info({ uid: status.uid }, 'registered');
    const identity = (mg: NeuronMetagraph) => {
      const uid = cache.uidOf(signer.ss58Address);
      events.emit('identity', {
        hotkey: signer.ss58Address,
        uid,
        stake: uid === undefined ? 0 : (mg.stake[uid] ?? 0),
        block: mg.block,
      });
    };
    if (cache.value) identity(cache.value);
    const offIdentity = cache.onUpdate(identity);
    stops.push(async () => offIdentity());
    const unsubscribe = await chain.subscribeBlocks((block) => {
      status.block = block;
      metrics.block.set(block);
      events.emit('block', { block });
      cache.onBlock(block);
      validator?.onBlock(block);
    });
    stops.push(async () => unsubscribe());
    const opened = await StateStore.open({
      dir: config.neuron.stateDir,
      file: role === 'validator' ? STATE_FILE : MINER_STATE_FILE,
      netuid: config.netuid,
      hotkey: signer.ss58Address,
      logger: log,
    });
    logOpenOutcome(log, opened.outcome, config.neuron.stateDir);
    const chainView = pluginChain({ chain, cache, signer, netuid: config.netuid });
    const pluginCtx: PluginContext<OptionsOf<S>> = {
      config,
      options: pluginOptions,
      logger: log,
      signal,
      chain: chainView,
      state: opened.store,
      figures: events,
      env: options.env ?? process.env,
    };
    if (role === 'miner') {
      if (!plugin.createMiner) throw new NeuronExit(`subnet ${plugin.name} has no miner`, EXIT_CONFIG);
      const hooks = await plugin.createMiner(pluginCtx);
      const miner = await startMiner({
        config,
        signer,
        chain,
        cache,
        ports,
        hooks,
        pluginCtx,
        logger: log,
        metrics,
        events,
        signal,
      });
      // Last in, first out: stop serving before the chain and the health server go.
      stops.push(() => miner.stop());
    } else {
      if (!plugin.createValidator)
        throw new NeuronExit(`subnet ${plugin.name} has no validator`, EXIT_CONFIG);
      const hooks = await plugin.createValidator(pluginCtx);
      if (hooks.attach && plugin.validatorServesAxon) {
        const served = await serveAxon({
          config,
          signer,
          chain,
          cache,
          ports,
          attach: hooks.attach.bind(hooks),
          logger: log,
          metrics,
          events,
        });
        stops.push(served.stop);
      }
      validator = await startValidator<D>({
        config,
        hotkey: signer.ss58Address,
        versionKey: plugin.versionKey,
        chain,
        cache,
        dendrite: ports.createDendrite({ signer, config, logger: log }),
        hooks,
        logger: log,
        metrics,
        signal,
        pluginChain: chainView,
        events,
        store: opened.store,
      });
      const running = validator;
      // Let the step in flight finish (and persist) while the chain is still connected.
      stops.push(async () => {
        await running.done;
        await hooks.close?.();
      });
    }
  } catch (error) {
    await stopAll();
    throw error;
  }
  return stopAll;
}
