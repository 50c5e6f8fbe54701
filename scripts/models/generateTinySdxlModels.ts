// Writes the tiny SDXL stand-ins (text encoders, UNet variants, ControlNet, VAE decoder, tokenizer
// files) used by the SN30 engine's tests, benches and `taonode sn30 generator --model tiny`, and
// prints the plain variant's manifest.
// Usage: pnpm exec tsx --conditions=@taonode/source scripts/models/generateTinySdxlModels.ts [--out <dir>]
// Default output: .cache/models/tiny-sdxl-v1/ (git-ignored). Tests call the same generator.
import { parseArgs } from 'node:util';
import { defaultTinySdxlDir, tinySdxlManifest } from '@taonode/diffusion/testing';

const { values } = parseArgs({ options: { out: { type: 'string', default: defaultTinySdxlDir() } } });
console.log(JSON.stringify(await tinySdxlManifest('plain', values.out), null, 2));
