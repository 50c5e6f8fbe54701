import { join } from 'node:path';
import {
  type CreateSessionOptions,
  createSession,
  InferenceError,
  type ModelSession,
} from '@taonode/inference';
import type { CheckedModel, DecoderLayout } from '../contract/checkModelFolder.js';
import { type ModelConfig, VIDEO_PLACEHOLDER } from '../contract/modelConfig.js';
import { MODEL_FILES } from '../contract/modelFiles.js';
import type { TextTokenizer } from '../contract/textTokenizer.js';
import { ModelContractError } from '../errors.js';

/** A checked model, opened in ONNX Runtime and ready to caption. `release()` frees its sessions. */
export interface CaptionModel {
  readonly config: ModelConfig;
  readonly tokenizer: TextTokenizer;
  readonly layout: DecoderLayout;
  readonly projector: ModelSession;
  readonly embedTokens: ModelSession;
  readonly decoder: ModelSession;
  /** Prompt ids before and after the `{video}` rows. */
  readonly promptIds: { before: number[]; after: number[] };
  /**
   * Embeddings of single generated tokens (a token's row never changes), so a decoding step runs
   * embed_tokens only for tokens not seen yet; bounded to `tokenMemoLimit` entries.
   */
  readonly tokenMemo: Map<number, Float32Array>;
  readonly tokenMemoLimit: number;
  release(): Promise<void>;
}

export type CaptionModelOptions = Pick<CreateSessionOptions, 'device' | 'threads' | 'onFallback'>;

/**
 * Opens the three graphs of a folder that passed `checkModelFolder`. A graph that ONNX Runtime still
 * refuses (an op it does not implement, inconsistent shapes) is a ModelContractError; sessions
 * already opened are released first.
 */
export async function loadCaptionModel(
  checked: CheckedModel,
  options: CaptionModelOptions = {},
): Promise<CaptionModel> {
  const opened: ModelSession[] = [];
  const open = async (file: string): Promise<ModelSession> => {
    try {
      const s = await createSession(join(checked.dir, file), options);
      opened.push(s);
      return s;
    } catch (err) {
      if (err instanceof InferenceError && err.code === 'MODEL_LOAD_FAILED') {
        throw new ModelContractError(file, `ONNX Runtime cannot load it: ${err.message}`, {}, err);
      }
      throw err;
    }
  };
  try {
    const projector = await open(MODEL_FILES.projector);
    const embedTokens = await open(MODEL_FILES.embedTokens);
    const decoder = await open(MODEL_FILES.decoder);
    const [before = '', after = ''] = checked.config.prompt_template.split(VIDEO_PLACEHOLDER);
    const special = checked.config.add_special_tokens;
    return {
      config: checked.config,
      tokenizer: checked.tokenizer,
      layout: checked.decoder,
      projector,
      embedTokens,
      decoder,
      // Special tokens (BOS) belong at the very start only.
      promptIds: {
        before: before === '' && !special ? [] : checked.tokenizer.encode(before, special),
        after: after === '' ? [] : checked.tokenizer.encode(after, false),
      },
      tokenMemo: new Map(),
      // At most 64 MiB of memoised rows, whatever the width.
      tokenMemoLimit: Math.floor((64 * 1024 * 1024) / (4 * checked.config.hidden_size)),
      release: async () => {
        await Promise.allSettled(opened.map((s) => s.release()));
      },
    };
  } catch (err) {
    await Promise.allSettled(opened.map((s) => s.release()));
    throw err;
  }
}
