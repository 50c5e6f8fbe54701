import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';

/**
 * `bench/results/<name>.json` (the machine it ran on beside the figures, as every bench's) and the
 * plot as `<name>.png`.
 */
export async function writeSoakResult(
  repoRoot: string,
  name: string,
  png: Buffer,
  result: Record<string, unknown>,
): Promise<{ json: string; png: string }> {
  const dir = join(repoRoot, 'bench', 'results');
  await mkdir(dir, { recursive: true });
  const record = {
    name,
    date: new Date().toISOString(),
    machine: {
      node: process.version,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      memGiB: Math.round(totalmem() / 2 ** 30),
      loadAverageAtEnd: loadavg(),
    },
    ...result,
  };
  const files = { json: join(dir, `${name}.json`), png: join(dir, `${name}.png`) };
  await writeFile(files.json, `${JSON.stringify(record, null, 2)}\n`);
  await writeFile(files.png, png);
  return files;
}
