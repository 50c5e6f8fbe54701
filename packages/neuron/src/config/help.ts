import { envNames, type OptionSpec } from './options.js';

/** `--help` text: every option with its kind, default and env name. */
export function formatHelp(specs: readonly OptionSpec[], header: string): string {
  const lines = [header, '', 'Options (flags > env > --config file > app defaults > built-in defaults):'];
  const rows = specs.map((spec) => {
    const kind =
      spec.kind === 'enum' ? `<${spec.choices?.join('|')}>` : spec.kind === 'boolean' ? '' : `<${spec.kind}>`;
    const flag = `  --${spec.key}${kind ? ` ${kind}` : ''}`;
    const extras: string[] = [];
    if (spec.required) extras.push('required');
    if (spec.default !== undefined) extras.push(`default: ${JSON.stringify(spec.default)}`);
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
  return `${lines.join('\n')}\n`;
}
