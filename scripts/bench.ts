// Runs every `*.bench.ts` under packages/ and apps/ (or those whose path contains an argument),
// each in its own process so one bench's memory and workers never skew another's numbers.
// Each bench writes its own JSON into bench/results/ through `writeBenchResult`.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const filters = process.argv.slice(2);

function findBenches(dir: string, out: string[]): string[] {
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry === 'dist' || entry.startsWith('.')) continue;
    const p = join(dir, entry);
    if (statSync(p).isDirectory()) findBenches(p, out);
    else if (entry.endsWith('.bench.ts')) out.push(p);
  }
  return out;
}

const benches = ['packages', 'apps']
  .flatMap((d) => findBenches(join(root, d), []))
  // Match on the path inside the repository: the checkout's own folder name must not select benches.
  .filter((p) => filters.length === 0 || filters.some((f) => relative(root, p).includes(f)))
  .sort();

let failed = 0;
for (const file of benches) {
  const rel = relative(root, file);
  console.log(`\n=== ${rel}`);
  const r = spawnSync(process.execPath, ['--conditions=@taonode/source', '--import', 'tsx', file], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) {
    failed++;
    console.error(`bench failed: ${rel} (exit ${r.status})`);
  }
}
console.log(`\n${benches.length - failed} benches ran, ${failed} failed; results in bench/results/`);
process.exit(failed === 0 ? 0 : 1);
