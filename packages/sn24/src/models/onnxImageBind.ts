import {
  type ClipTokenizer,
  CONTEXT_LENGTH,
  embedMean,
  type ModelSession,
  runBatched,
} from '@taonode/inference';
import { type Ffmpeg, loadAudioInput, loadVisionInput } from '@taonode/media';
import { CHUNK_TOKENS, EMBEDDING_DIM } from '../constants.js';
import { Sn24ModelError } from './errors.js';
import { countedTokens, splitTextByTokenLimit, TEXT_CHUNK_TOKENS } from './textChunks.js';
import type { ClipEmbeddings, ImageBindEmbedder } from './types.js';

/** Seconds per stage of one clip's embedding (the validator bench reports these). */
export interface ClipTimings {
  videoDecodeS: number;
  videoPreprocessS: number;
  videoEmbedS: number;
  audioDecodeS: number;
  audioPreprocessS: number;
  audioEmbedS: number;
}

export interface ImageBindSessions {
  vision: ModelSession;
  audio: ModelSession;
  text: ModelSession;
}

function checked(v: Float32Array, what: string): number[] {
  if (v.length !== EMBEDDING_DIM || !v.every(Number.isFinite)) {
    throw new Sn24ModelError(`${what} embedding is not ${EMBEDDING_DIM} finite numbers`, {
      length: v.length,
    });
  }
  return Array.from(v);
}

/**
 * ImageBind v2 on ONNX Runtime with the preprocessing of `@taonode/media`: the one implementation
 * both the miner (embedding its clips) and the validator (spot-check recompute) go through.
 */
export class OnnxImageBind implements ImageBindEmbedder {
  constructor(
    private readonly ff: Ffmpeg,
    private readonly sessions: ImageBindSessions,
    readonly tokenizer: ClipTokenizer,
    private readonly batchSize: number,
  ) {}

  async embedClipTimed(file: string): Promise<{ embeddings: ClipEmbeddings; timings: ClipTimings }> {
    const v = await loadVisionInput(this.ff, file);
    let t = performance.now();
    const video = await embedMean(this.sessions.vision, v.data, v.dims, { batchSize: this.batchSize });
    const videoEmbedS = (performance.now() - t) / 1000;
    const a = await loadAudioInput(this.ff, file);
    t = performance.now();
    const audio = await embedMean(this.sessions.audio, a.data, a.dims, { batchSize: this.batchSize });
    const audioEmbedS = (performance.now() - t) / 1000;
    return {
      embeddings: { video_emb: checked(video, 'video'), audio_emb: checked(audio, 'audio') },
      timings: {
        videoDecodeS: v.timings.decodeS,
        videoPreprocessS: v.timings.transformS,
        videoEmbedS,
        audioDecodeS: a.timings.decodeS,
        audioPreprocessS: a.timings.transformS,
        audioEmbedS,
      },
    };
  }

  async embedClip(file: string): Promise<ClipEmbeddings> {
    return (await this.embedClipTimed(file)).embeddings;
  }

  private async embedRows(chunks: readonly string[]): Promise<Float32Array[]> {
    const ids = this.tokenizer.tokenize(chunks);
    const out = await runBatched(this.sessions.text, ids, [chunks.length, CONTEXT_LENGTH], {
      batchSize: this.batchSize,
    });
    const dim = out.dims[1] ?? 0;
    return chunks.map((_, i) => out.data.subarray(i * dim, (i + 1) * dim));
  }

  private chunks(text: string, maxTokens: number): string[] {
    const chunks = splitTextByTokenLimit(this.tokenizer, text, maxTokens);
    // An empty description still gets an embedding (SOT + EOT), as the reference's would.
    return chunks.length > 0 ? chunks : [text];
  }

  /** Spec §4 v2 text embedding: the mean of the ≤ 74-token chunks' embeddings. */
  async embedTexts(texts: readonly string[]): Promise<number[][]> {
    const out: number[][] = [];
    for (const text of texts) {
      const chunks = this.chunks(text, TEXT_CHUNK_TOKENS);
      const ids = this.tokenizer.tokenize(chunks);
      const mean = await embedMean(this.sessions.text, ids, [chunks.length, CONTEXT_LENGTH], {
        batchSize: this.batchSize,
      });
      out.push(checked(mean, 'text'));
    }
    return out;
  }

  async embedTextChunks(text: string, maxTokens = CHUNK_TOKENS): Promise<number[][]> {
    const rows = await this.embedRows(this.chunks(text, maxTokens));
    return rows.map((r) => checked(r, 'text chunk'));
  }

  uniqueTokens(text: string): number {
    return new Set(countedTokens(this.tokenizer, text)).size;
  }

  async release(): Promise<void> {
    await Promise.all(Object.values(this.sessions).map((s) => s.release()));
  }
}
