import { join } from 'node:path';
import { type Dashboard, DashboardError, isLoopbackHost, openDashboard } from '@taonode/dashboard';
import type { NeuronConfig, Role } from '../config/neuronConfig.js';
import type { Logger } from '../log/createLogger.js';
import { EXIT_CONFIG } from '../runner/exitCodes.js';
import { NeuronExit } from '../runner/neuronExit.js';

/** The dashboard's history folder, beside the state file. */
export function dashboardDir(config: NeuronConfig): string {
  return join(config.neuron.stateDir, 'dashboard');
}

/**
 * Why this config may not serve a dashboard (checked before anything connects), or undefined: a
 * metrics server reachable from other machines serves the page only behind a bearer token.
 */
export function dashboardConfigProblem(config: NeuronConfig): string | undefined {
  if (!config.dashboard.enabled || config.dashboard.tokenFile !== undefined) return undefined;
  if (isLoopbackHost(config.metrics.host)) return undefined;
  return (
    `--metrics.host ${config.metrics.host} makes the dashboard reachable from other machines: ` +
    'give it a bearer token with --dashboard.token_file FILE (first line, 16+ characters), ' +
    'bind the metrics server to 127.0.0.1, or turn the dashboard off with --dashboard.enabled false'
  );
}

/**
 * Opens the daemon's dashboard (history replayed in the background) when enabled. A token file
 * that cannot be used stops the start (exit 78): the operator asked for a protected dashboard.
 */
export async function openNeuronDashboard(args: {
  config: NeuronConfig;
  role: Role;
  logger: Logger;
}): Promise<Dashboard | undefined> {
  const { config, role, logger } = args;
  if (!config.dashboard.enabled) return undefined;
  try {
    const dashboard = await openDashboard({
      role,
      dir: dashboardDir(config),
      host: config.metrics.host,
      ...(config.dashboard.tokenFile === undefined ? {} : { tokenFile: config.dashboard.tokenFile }),
      allowedHosts: config.dashboard.allowedHosts,
      retentionDays: config.dashboard.retentionDays,
      maxBytes: Math.round(config.dashboard.maxMib * 2 ** 20),
      logger,
    });
    dashboard.ready.then(
      (r) =>
        r.files > 0 &&
        logger.info(
          { files: r.files, lines: r.lines, skipped: r.skipped, ms: r.ms },
          'dashboard history loaded',
        ),
      () => undefined,
    );
    return dashboard;
  } catch (error) {
    if (error instanceof DashboardError) {
      const file = config.dashboard.tokenFile;
      const code = typeof error.details.code === 'string' ? ` (${error.details.code})` : '';
      throw new NeuronExit(
        `${error.message}${code}${file === undefined ? '' : `: --dashboard.token_file ${file}`}`,
        EXIT_CONFIG,
      );
    }
    throw error;
  }
}
