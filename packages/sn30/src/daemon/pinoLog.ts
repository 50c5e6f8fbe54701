import type { Logger } from '@taonode/neuron';

const LEVELS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'fatal']);

/**
 * The SN30 parts log plain entries (`{ level?, msg, …fields }`) so they run without a logger in
 * tests and benches; the daemons hand those entries to the runtime's pino logger with this.
 */
export function pinoLog(logger: Logger, fallbackMsg = 'SN30'): (entry: Record<string, unknown>) => void {
  return (entry) => {
    const { level, msg, ...fields } = entry;
    const lvl = typeof level === 'string' && LEVELS.has(level) ? (level as 'info') : 'info';
    logger[lvl](fields, typeof msg === 'string' ? msg : fallbackMsg);
  };
}
