import { CodedError } from '@taonode/kit';

/**
 * Every failure the inference package reports on purpose: a short message saying what went wrong,
 * a stable `code` for machine output and a `hint` saying what the operator can do about it.
 */
export class InferenceError extends CodedError {}

/** A requested execution provider (cuda, coreml) cannot be loaded on this machine. */
export class ProviderUnavailableError extends InferenceError {
  readonly device: string;
  readonly reason: string;

  constructor(device: string, reason: string, hint: string, options?: { cause?: unknown }) {
    super('PROVIDER_UNAVAILABLE', `inference device "${device}" is not available: ${reason}`, hint, options);
    this.device = device;
    this.reason = reason;
  }
}

/** The model file could not be loaded into an ONNX Runtime session (corrupt, wrong format, missing). */
export class ModelLoadError extends InferenceError {
  constructor(model: string, reason: string, options?: { cause?: unknown }) {
    super(
      'MODEL_LOAD_FAILED',
      `could not load ONNX model ${model}: ${reason}`,
      'check that the file is a complete .onnx model (re-download it or point --inference.model_dir at the right folder)',
      options,
    );
  }
}

/** Input tensor data does not match the shape it claims, or the model's contract. */
export class TensorShapeError extends InferenceError {
  constructor(reason: string) {
    super('TENSOR_SHAPE', `bad tensor: ${reason}`, 'this is a bug in the caller; report it with the shapes');
  }
}

/** A model file could not be fetched (hub unreachable, unknown revision, missing file). */
export class ModelFetchError extends InferenceError {
  constructor(what: string, reason: string, hint: string, options?: { cause?: unknown }) {
    super('MODEL_FETCH_FAILED', `could not fetch ${what}: ${reason}`, hint, options);
  }
}

/** A fetched or local model file does not have the content hash we pinned. Never loaded. */
export class ModelHashMismatchError extends InferenceError {
  readonly expected: string;
  readonly actual: string;

  constructor(file: string, algorithm: string, expected: string, actual: string) {
    super(
      'MODEL_HASH_MISMATCH',
      `${file} has ${algorithm} ${actual}, expected ${expected}; the file was removed and not loaded`,
      'the download was corrupted or the repository content changed; run again, and if it persists check the pinned revision and hash in your config',
    );
    this.expected = expected;
    this.actual = actual;
  }
}

/** A CLIP vocabulary file is missing or malformed. */
export class TokenizerError extends InferenceError {
  constructor(reason: string, options?: { cause?: unknown }) {
    super(
      'TOKENIZER',
      `CLIP tokenizer: ${reason}`,
      'point the tokenizer at the vocabulary that comes with the model (ImageBind: bpe_simple_vocab_16e6.txt.gz; SDXL: tokenizer/vocab.json + merges.txt), fetched through the model store',
      options,
    );
  }
}
