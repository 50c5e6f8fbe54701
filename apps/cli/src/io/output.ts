// stdout carries results only (one JSON object with --json); prompts, warnings and errors go to stderr.

let jsonWritten = false;

/** Writes `value` as the single JSON object of this command's stdout. */
export function printJson(value: Record<string, unknown>): void {
  if (jsonWritten) throw new Error('printJson called twice: --json output must be exactly one JSON object');
  jsonWritten = true;
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

/** Called by action() as a command starts (one command per process, except in tests). */
export function resetOutputState(): void {
  jsonWritten = false;
}

export function jsonAlreadyWritten(): boolean {
  return jsonWritten;
}

/** A human-readable result line on stdout. */
export function printLine(line = ''): void {
  process.stdout.write(`${line}\n`);
}

/** Status/warning text on stderr, so it never mixes with results. */
export function printNote(line: string): void {
  process.stderr.write(`${line}\n`);
}
