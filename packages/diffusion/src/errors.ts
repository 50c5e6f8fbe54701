import { CodedError } from '@taonode/kit';

/**
 * Every failure the diffusion package reports on purpose: a short message, a stable `code` and a
 * `hint` with what to do. On the shared error base (`TaonodeError`).
 */
export class DiffusionError extends CodedError {}

/** A generation request the engine cannot run (size, steps, guidance, seed out of range). */
export class DiffusionInputError extends DiffusionError {
  constructor(reason: string, details?: Record<string, unknown>) {
    super('DIFFUSION_INPUT', reason, 'fix the request; docs/sn30.md lists the accepted ranges', { details });
  }
}

/** A model file's inputs/outputs are not those the manifest promises (wrong export, wrong file). */
export class ModelContractError extends DiffusionError {
  constructor(component: string, reason: string, details?: Record<string, unknown>) {
    super(
      'MODEL_CONTRACT',
      `${component} does not match the model manifest: ${reason}`,
      'the file is not the export the manifest describes: re-export it with the recipe in docs/sn30.md, or fix the I/O names in the manifest',
      { details },
    );
  }
}

/** A model manifest that does not parse, or names files that are not there. */
export class ManifestError extends DiffusionError {
  constructor(reason: string, options?: { cause?: unknown }) {
    super(
      'MODEL_MANIFEST',
      `model manifest: ${reason}`,
      'check the manifest against docs/sn30.md (repo, 40-hex revision, files, I/O names)',
      options,
    );
  }
}

/** Frames that cannot be what a generation with these inputs produced (wrong count, shape, dtype, bytes). */
export class FramesError extends DiffusionError {
  constructor(reason: string, details?: Record<string, unknown>) {
    super(
      'FRAMES',
      `frames: ${reason}`,
      'the frames must be the safetensors of docs/sn30.md for these inputs',
      {
        details,
      },
    );
  }
}
