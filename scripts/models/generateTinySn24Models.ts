// Writes the tiny SN24 stand-ins (ImageBind vision/audio/text + CLIP vocab, gte + WordPiece vocab,
// unstuffer + byte-level BPE files) and prints the model options that load them.
// Usage: pnpm exec tsx --conditions=@taonode/source scripts/models/generateTinySn24Models.ts [--out <dir>]
// Default output: .cache/models/tiny-sn24-text-v1/ (git-ignored). Tests call the same generator
// (`tinySn24ModelOptions` from @taonode/sn24/testing), so running this by hand is optional.
import { parseArgs } from 'node:util';
import { defaultTinySn24Dir, tinySn24ModelOptions } from '@taonode/sn24/testing';

const { values } = parseArgs({ options: { out: { type: 'string', default: defaultTinySn24Dir() } } });
console.log(JSON.stringify(await tinySn24ModelOptions(values.out), null, 2));
