import { envNames, type OptionSpec } from './options.js';

/** The defaults `--help` shows: built-in ones, with the app's `config/<app>.json` merged over them. */
export type HelpDefaults = ReadonlyMap<string, unknown>;

/** `--help` text: every option of this app with its kind, the app's real default and env name. */
export function formatHelp(specs: readonly OptionSpec[], header: string, defaults?: HelpDefaults): string {
  const lines = [header, '', 'Options (flags > env > --config file > app defaults > built-in defaults):'];
  const rows = specs.map((spec) => {
    const kind =
      spec.kind === 'enum' ? `<${spec.choices?.join('|')}>` : spec.kind === 'boolean' ? '' : `<${spec.kind}>`;
    const flag = `  --${spec.key}${kind ? ` ${kind}` : ''}`;
    const extras: string[] = [];
    if (spec.required) extras.push('required');
    const shown = defaults?.has(spec.key) ? defaults.get(spec.key) : spec.default;
    if (shown !== undefined) {
      const local =
        spec.localDefault !== undefined && spec.localDefault !== shown
          ? ` (${JSON.stringify(spec.localDefault)} on a local chain)`
          : '';
      extras.push(`default: ${JSON.stringify(shown)}${local}`);
    }
    extras.push(`env: ${envNames(spec.key)[0]}`);
    return { flag, text: `${spec.description} (${extras.join('; ')})` };
  });
  const width = Math.min(48, Math.max(...rows.map((r) => r.flag.length)) + 2);
  for (const row of rows) {
    lines.push(
      row.flag.length >= width
        ? `${row.flag}\n${' '.repeat(width)}${row.text}`
        : row.flag.padEnd(width) + row.text,
    );
  }
  lines.push(`${'  -h, --help'.padEnd(width)}Show this help`);
  lines.push(`${'  -V, --version'.padEnd(width)}Show the version`);
  return `${lines.join('\n')}\n`;
}
