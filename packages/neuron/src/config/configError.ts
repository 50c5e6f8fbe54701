/** A configuration problem the operator must fix; `problems` lists each bad input with where it came from. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly problems: readonly string[],
    readonly hint = 'run with --help to list every option',
  ) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}\n${hint}`);
  }
}
