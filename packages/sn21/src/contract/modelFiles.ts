/** File layout of an SN21 model folder / repo (docs/sn21.md). Paths are relative to its root. */
export const MODEL_FILES = {
  config: 'sn21.json',
  tokenizer: 'tokenizer.json',
  projector: 'onnx/projector.onnx',
  embedTokens: 'onnx/embed_tokens.onnx',
  decoder: 'onnx/decoder_model_merged.onnx',
} as const;

/** Files the miner's tooling adds beside the model; not part of the model's content hash. */
export const HOTKEY_FILE = 'hotkey.txt';
export const README_FILE = 'README.md';

export type GraphName = 'projector' | 'embedTokens' | 'decoder';
export const GRAPHS: readonly GraphName[] = ['projector', 'embedTokens', 'decoder'];

/** Whether a repo path belongs to the model (what is downloaded, size-limited and content-hashed). */
export function isModelPath(path: string): boolean {
  return (
    path === MODEL_FILES.config || path === MODEL_FILES.tokenizer || /^onnx\/(?!\.\.?$)[^/]+$/.test(path)
  );
}

/** The contract's size limits; a validator may lower them, never needs to raise them for o1. */
export interface ContractLimits {
  /** All model files together. */
  maxModelBytes: number;
  /** One .onnx graph file (weights may sit in external data beside it). */
  maxGraphBytes: number;
  /** tokenizer.json and sn21.json each. */
  maxJsonBytes: number;
}

export const DEFAULT_LIMITS: ContractLimits = {
  maxModelBytes: 18 * 1024 ** 3,
  maxGraphBytes: 2 * 1024 ** 3,
  maxJsonBytes: 64 * 1024 ** 2,
};
