// Writes the tiny random-weight ImageBind stand-ins (vision, audio, text) used by tests and benches.
// Usage: pnpm exec tsx --conditions=@taonode/source scripts/models/generateTinyModels.ts [--out <dir>]
// Default output: .cache/models/tiny-imagebind-v1/ (git-ignored). Tests call the same generator
// (`ensureTinyImageBind` from @taonode/inference/testing), so running this by hand is optional.
import { statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { defaultTinyModelDir, ensureTinyImageBind } from '@taonode/inference/testing';

const { values } = parseArgs({ options: { out: { type: 'string', default: defaultTinyModelDir() } } });
const paths = await ensureTinyImageBind(values.out);
for (const modality of ['vision', 'audio', 'text'] as const) {
  const file = paths[modality];
  console.log(`${modality.padEnd(6)} ${file} (${(statSync(file).size / 1e6).toFixed(2)} MB)`);
}
