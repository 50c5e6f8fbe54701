import { type Logger, pino } from 'pino';

export type { Logger } from 'pino';

export interface LoggerOptions {
  level: 'info' | 'debug' | 'trace';
  format: 'json' | 'pretty';
  name: string;
  /** Also append the JSON lines to this file (`--logging.logging_dir`); its folder is created. */
  file?: string;
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
  // JSON lines to the file as well, whatever the terminal shows.
  const file = options.file ? pino.destination({ dest: options.file, sync: true, mkdir: true }) : undefined;
  if (options.format === 'pretty') {
    if (file) {
      const pretty = pino.transport({
        target: 'pino-pretty',
        options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l' },
      });
      return pino(
        base,
        pino.multistream([
          { stream: pretty, level: 'trace' },
          { stream: file, level: 'trace' },
        ]),
      );
    }
    return pino({
      ...base,
      transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l' } },
    });
  }
  // Synchronous writes: pino's default stdout stream is asynchronous, and a daemon that ends with
  // process.exit (a stop, a fatal start error, a second signal) or crashes would lose its last lines
  // — exactly the ones an operator reads. Daemon logs are a few lines per step, so the cost is nil.
  const stdout = pino.destination({ dest: 1, sync: true });
  if (file)
    return pino(
      base,
      pino.multistream([
        { stream: stdout, level: 'trace' },
        { stream: file, level: 'trace' },
      ]),
    );
  return pino(base, stdout);
}
