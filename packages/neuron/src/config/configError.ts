import { TaonodeError } from '@taonode/kit';

/**
 * A configuration problem the operator must fix; `problems` lists each bad input with where it
 * came from. The message is one line (pm2 and journald show the last line first).
 */
export class ConfigError extends TaonodeError {
  constructor(readonly problems: readonly string[]) {
    super(problems.length === 1 ? problems[0]! : `invalid configuration: ${problems.join('; ')}`, {
      code: 'CONFIG',
      hint: 'see --help',
      details: { problems },
    });
  }
}
