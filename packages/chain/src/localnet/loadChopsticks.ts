type Chopsticks = typeof import('@acala-network/chopsticks');

let loaded: Promise<Chopsticks> | undefined;

/**
 * Loads chopsticks on first use only (daemons never pay for it). Its logger reads LOG_LEVEL once at
 * load time, so a quiet default is set first; LOG_LEVEL=info shows its block-builder logs.
 */
export function loadChopsticks(logLevel = 'fatal'): Promise<Chopsticks> {
  if (process.env.LOG_LEVEL === undefined) process.env.LOG_LEVEL = logLevel;
  loaded ??= import('@acala-network/chopsticks');
  return loaded;
}
