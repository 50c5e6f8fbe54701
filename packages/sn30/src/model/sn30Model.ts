import { readFileSync } from 'node:fs';
import { parseSdxlManifest, type SdxlManifest, type SdxlManifestInput } from '@taonode/diffusion';
import { type Device, listBackends } from '@taonode/inference';
import { Sn30Error } from '../errors.js';
import { SDXL_BASE_MANIFEST } from './sdxlBaseManifest.js';

/** An SN30 model: one manifest per precision (fp16 for GPUs, fp32 for CPUs). */
export interface Sn30ModelChoice {
  fp32: SdxlManifestInput;
  fp16?: SdxlManifestInput;
  /** Smallest image side this model accepts (test-only models go below spec §4.2's 512). */
  minSize?: number;
}

/** Bundled names for `--sn30.model`; anything else is a path to a manifest JSON file. */
export const BUNDLED_MODELS = ['sdxl-base-1.0', 'tiny', 'tiny-controlnet'] as const;

/** Tiny models are generated on first use (test code; imported only when asked for). */
async function tinyChoice(controlnet: boolean): Promise<Sn30ModelChoice> {
  const { tinySdxlManifest } = await import('@taonode/diffusion/testing');
  if (controlnet) return { fp32: await tinySdxlManifest('controlnet'), minSize: 8 };
  return { fp32: await tinySdxlManifest('plain'), fp16: await tinySdxlManifest('fp16'), minSize: 8 };
}

export async function sn30ModelChoice(model: string): Promise<Sn30ModelChoice> {
  if (model === 'sdxl-base-1.0') return { fp32: SDXL_BASE_MANIFEST };
  if (model === 'tiny') return tinyChoice(false);
  if (model === 'tiny-controlnet') return tinyChoice(true);
  let text: string;
  try {
    text = readFileSync(model, 'utf8');
  } catch (err) {
    throw new Sn30Error(
      'SN30_MODEL',
      `--sn30.model "${model}" is neither ${BUNDLED_MODELS.join(', ')} nor a readable manifest file`,
      'pass a bundled name or the path of a manifest JSON (docs/sn30.md)',
      { cause: err },
    );
  }
  const manifest = parseSdxlManifest(text);
  return manifest.precision === 'fp16' ? { fp32: manifest, fp16: manifest } : { fp32: manifest };
}

/**
 * fp16 on GPU, fp32 on CPU: an fp16 manifest when CUDA is asked for (or `auto` on a build that has
 * the CUDA provider) and the model has one; else fp32 (which also runs on a GPU, with twice the memory).
 */
export function manifestForDevice(choice: Sn30ModelChoice, device: Device): SdxlManifest {
  const gpu = device === 'cuda' || (device === 'auto' && listBackends().some((b) => b.name === 'cuda'));
  return parseSdxlManifest(gpu && choice.fp16 ? choice.fp16 : choice.fp32);
}

/** What the validator announces and a miner must match: the model and its ControlNet use. */
export function modelIdentity(manifest: SdxlManifest): string {
  const rev = manifest.source.kind === 'hf' ? `@${manifest.source.revision}` : '';
  return `${manifest.name}${rev}${manifest.controlnet ? '+controlnet' : ''}`;
}
