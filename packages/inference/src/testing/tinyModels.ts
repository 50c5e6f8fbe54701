import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findRepoRoot, writeFileAtomic } from '@taonode/kit';
import { TINY_MODEL_VERSION, tinyAudioModel, tinyTextModel, tinyVisionModel } from './tinyImageBind.js';

export interface TinyModelPaths {
  dir: string;
  vision: string;
  audio: string;
  text: string;
}

/** The repo root: the nearest folder above this file that holds pnpm-workspace.yaml. */
function repoRoot(): string {
  const root = findRepoRoot();
  if (root === undefined) throw new Error('pnpm-workspace.yaml not found above the inference package');
  return root;
}

/** Where generated models live: `<repo>/.cache/models/<version>/` (git-ignored, never committed). */
export function defaultTinyModelDir(): string {
  return join(repoRoot(), '.cache', 'models', TINY_MODEL_VERSION);
}

const builders = { vision: tinyVisionModel, audio: tinyAudioModel, text: tinyTextModel } as const;

/**
 * Generates the tiny ImageBind stand-ins once and returns their paths. Generation is deterministic
 * and each file is written atomically, so parallel test workers may race here harmlessly.
 */
export async function ensureTinyImageBind(dir = defaultTinyModelDir()): Promise<TinyModelPaths> {
  const paths = {
    dir,
    vision: join(dir, 'vision.onnx'),
    audio: join(dir, 'audio.onnx'),
    text: join(dir, 'text.onnx'),
  };
  for (const modality of ['vision', 'audio', 'text'] as const) {
    const file = paths[modality];
    if (existsSync(file) && readFileSync(file).byteLength > 0) continue;
    await writeFileAtomic(file, builders[modality]());
  }
  return paths;
}
