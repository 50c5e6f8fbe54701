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
  return pino(base);
}
