import { readFile } from 'node:fs/promises';

export interface LogLine {
  level: number;
  msg: string;
  time: number;
  [key: string]: unknown;
}

/** Parses a daemon's pino JSON log file; lines that are not JSON (stack traces, tsx notes) are skipped. */
export async function readJsonLog(file: string): Promise<LogLine[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  const out: LogLine[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const parsed = JSON.parse(line) as LogLine;
      if (typeof parsed.msg === 'string') out.push(parsed);
    } catch {
      // a torn last line while the daemon is writing
    }
  }
  return out;
}
