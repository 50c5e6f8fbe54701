import { type Logger, pino } from 'pino';

export type { Logger } from 'pino';

export interface LoggerOptions {
  level: 'info' | 'debug' | 'trace';
  format: 'json' | 'pretty';
  name: string;
}

/**
 * Structured logs. Values that may carry secrets are redacted by key so a careless `log.info({wallet})`
 * cannot leak a mnemonic or a password.
 */
export function createLogger(options: LoggerOptions): Logger {
  const base = {
    name: options.name,
    level: options.level,
    redact: {
      paths: [
        'mnemonic',
        'password',
        'seed',
        'privateKey',
        'secretPhrase',
        '*.mnemonic',
        '*.password',
        '*.seed',
      ],
      censor: '[redacted]',
    },
  };
  if (options.format === 'pretty') {
    return pino({
      ...base,
      transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l' } },
    });
  }
  // Synchronous writes: pino's default stdout stream is asynchronous, and a daemon that ends with
  // process.exit (a stop, a fatal start error, a second signal) or crashes would lose its last lines
  // — exactly the ones an operator reads. Daemon logs are a few lines per step, so the cost is nil.
  return pino(base, pino.destination({ dest: 1, sync: true }));
}
