// Writes the tiny SN21 models (good, noise, neverEos, copy, half: each a folder with sn21.json,
// tokenizer.json and the three ONNX graphs of the contract in docs/sn21.md) plus the test rows as
// SN24-layout parquet, and prints where they are.
// Usage: pnpm exec tsx --conditions=@taonode/source scripts/models/generateTinySn21Models.ts [--out <dir>]
// Default output: .cache/models/tiny-sn21-v1/ (git-ignored). Tests call the same generator
// (`ensureTinySn21Models` from @taonode/sn21/testing), so running this by hand is optional.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeFileAtomic } from '@taonode/kit';
import { defaultTinySn21Dir, ensureTinySn21Models, testDatasetFiles } from '@taonode/sn21/testing';

const { values } = parseArgs({ options: { out: { type: 'string', default: defaultTinySn21Dir() } } });
const out = values.out;
const models = await ensureTinySn21Models(out);
const dataset = join(out, 'dataset');
for (const f of testDatasetFiles(models.rows, { timeMs: Date.now() - 3_600_000, rowsPerFile: 16 })) {
  await writeFileAtomic(join(dataset, f.path), f.bytes);
}
console.log(JSON.stringify({ models: models.dirs, dataset, rows: models.rows.length }, null, 2));
