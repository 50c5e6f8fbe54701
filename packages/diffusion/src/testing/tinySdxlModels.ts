import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { defaultTinyModelDir } from '@taonode/inference/testing';
import { writeFileAtomic } from '@taonode/kit';
import type { SdxlManifestInput } from '../sdxl/manifest.js';
import { TINY_CONTROL, tinyControlNet, tinyTextEncoder, tinyUnet, tinyVaeDecoder } from './tinySdxl.js';
import { tinyClipTokenizerFiles } from './tinyVocab.js';

export const TINY_SDXL_VERSION = 'tiny-sdxl-v1';

/** `<repo>/.cache/models/tiny-sdxl-v1/` (git-ignored, generated on first use). */
export function defaultTinySdxlDir(): string {
  return join(dirname(defaultTinyModelDir()), TINY_SDXL_VERSION);
}

/**
 * Which stand-in: `plain` fp32 SDXL, `fp16` (fp16 I/O UNet + VAE), `controlnet` (UNet with residual
 * inputs + ControlNet), and the cheats' models: `other` (same shapes, other weights), `int4` / `int8`
 * (UNet weights on a 4-/8-bit grid).
 */
export type TinySdxlVariant = 'plain' | 'fp16' | 'controlnet' | 'other' | 'int8' | 'int4';

const files: Record<string, () => Uint8Array | string> = {
  'text_encoder/model.onnx': () => tinyTextEncoder(1),
  'text_encoder_2/model.onnx': () => tinyTextEncoder(2),
  'unet/model.onnx': () => tinyUnet(),
  'unet_fp16/model.onnx': () => tinyUnet({ precision: 'fp16' }),
  'unet_controlnet/model.onnx': () => tinyUnet({ controlResiduals: true }),
  'unet_other/model.onnx': () => tinyUnet({ seed: 7777 }),
  'unet_int8/model.onnx': () => tinyUnet({ quantizeBits: 8 }),
  'unet_int4/model.onnx': () => tinyUnet({ quantizeBits: 4 }),
  'controlnet/model.onnx': () => tinyControlNet(),
  'vae_decoder/model.onnx': () => tinyVaeDecoder(),
  'vae_decoder_fp16/model.onnx': () => tinyVaeDecoder('fp16'),
  'tokenizer/vocab.json': () => tinyClipTokenizerFiles().vocabJson,
  'tokenizer/merges.txt': () => tinyClipTokenizerFiles().mergesText,
  'tokenizer_2/vocab.json': () => tinyClipTokenizerFiles().vocabJson,
  'tokenizer_2/merges.txt': () => tinyClipTokenizerFiles().mergesText,
};

const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

/**
 * Writes every tiny SDXL file once (deterministic; atomic writes, so parallel test workers may race
 * harmlessly) and returns their sha256 by path.
 */
export async function ensureTinySdxl(dir = defaultTinySdxlDir()): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  for (const [path, build] of Object.entries(files)) {
    const file = join(dir, path);
    if (existsSync(file) && readFileSync(file).byteLength > 0) {
      hashes[path] = sha256(readFileSync(file));
      continue;
    }
    const content = build();
    await writeFileAtomic(file, content);
    hashes[path] = sha256(content);
  }
  return hashes;
}

/** A manifest for one variant of the tiny models (local folder source, every file pinned by sha256). */
export async function tinySdxlManifest(
  variant: TinySdxlVariant = 'plain',
  dir = defaultTinySdxlDir(),
): Promise<SdxlManifestInput> {
  const hashes = await ensureTinySdxl(dir);
  const f = (path: string) => ({ path, sha256: hashes[path] });
  const unetPath = {
    plain: 'unet/model.onnx',
    fp16: 'unet_fp16/model.onnx',
    controlnet: 'unet_controlnet/model.onnx',
    other: 'unet_other/model.onnx',
    int8: 'unet_int8/model.onnx',
    int4: 'unet_int4/model.onnx',
  }[variant];
  return {
    name: `tiny-sdxl-${variant}`,
    source: { kind: 'local', dir },
    pinning: 'sha256',
    precision: variant === 'fp16' ? 'fp16' : 'fp32',
    tokenizer: {
      vocab: f('tokenizer/vocab.json'),
      merges: f('tokenizer/merges.txt'),
      padToken: '<|endoftext|>',
    },
    tokenizer2: { vocab: f('tokenizer_2/vocab.json'), merges: f('tokenizer_2/merges.txt'), padToken: '!' },
    textEncoder: { model: f('text_encoder/model.onnx'), hiddenState: 'hidden_states.1' },
    textEncoder2: { model: f('text_encoder_2/model.onnx'), hiddenState: 'hidden_states.2' },
    unet: {
      model: f(unetPath),
      ...(variant === 'controlnet' ? { controlResiduals: [...TINY_CONTROL.unetInputs] } : {}),
    },
    ...(variant === 'controlnet'
      ? { controlnet: { model: f('controlnet/model.onnx'), outputs: [...TINY_CONTROL.controlnetOutputs] } }
      : {}),
    vaeDecoder: { model: f(variant === 'fp16' ? 'vae_decoder_fp16/model.onnx' : 'vae_decoder/model.onnx') },
  };
}
