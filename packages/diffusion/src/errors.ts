/**
 * Every failure the diffusion package reports on purpose: a short message, a stable `code` and a
 * `hint` with what to do. One file so it can be re-based on the shared error class later.
 */
export class DiffusionError extends Error {
  readonly code: string;
  readonly hint: string | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: string,
    message: string,
    hint?: string,
    options?: { cause?: unknown; details?: Record<string, unknown> },
  ) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.hint = hint;
    this.details = options?.details;
  }
}

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
