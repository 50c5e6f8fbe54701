import {
  type ClipTokenizer,
  CONTEXT_LENGTH,
  embedMean,
  type ModelSession,
  runBatched,
} from '@taonode/inference';
import { ImageBindOutputError } from '../errors.js';
import type { Ffmpeg } from '../ffmpeg/createFfmpeg.js';
import { loadAudioInput } from './audioTransform.js';
import { loadVisionInput } from './loadVision.js';
import { countedTokens, splitTextByTokenLimit, TEXT_CHUNK_TOKENS } from './textChunks.js';

/** ImageBind's output width, every modality. */
export const IMAGEBIND_DIM = 1024;

/** The two media embeddings of one clip, each 1,024 floats (ImageBind v2 output contract). */
export interface ClipEmbeddings {
  video_emb: number[];
  audio_emb: number[];
}

/** Seconds per stage of one clip's embedding (the validator benches report these). */
export interface ClipTimings {
  videoDecodeS: number;
  videoPreprocessS: number;
  videoEmbedS: number;
  audioDecodeS: number;
  audioPreprocessS: number;
  audioEmbedS: number;
}

/** ImageBind's text side: what a caption scorer needs (no ffmpeg, no vision or audio graph). */
export interface ImageBindTextEmbedder {
  /** Text embeddings, one per input; long texts are chunked and their chunk embeddings averaged. */
  embedTexts(texts: readonly string[]): Promise<number[][]>;
}

/**
 * ImageBind on ONNX Runtime: a miner embeds its clips with it and a validator recomputes the same
 * embeddings, so both must go through this one implementation.
 */
export interface ImageBindEmbedder extends ImageBindTextEmbedder {
  /** Embeds the local media file (already cut to the clip), video and audio. */
  embedClip(file: string): Promise<ClipEmbeddings>;
  /** One text embedding per chunk of at most `maxTokens` BPE tokens. Optional for test fakes. */
  embedTextChunks?(text: string, maxTokens?: number): Promise<number[][]>;
  /** Distinct BPE token ids of `text` as OMEGA counts them. Optional for test fakes. */
  uniqueTokens?(text: string): number;
}

export interface ImageBindSessions {
  vision: ModelSession;
  audio: ModelSession;
  text: ModelSession;
}

function checked(v: Float32Array, what: string): number[] {
  if (v.length !== IMAGEBIND_DIM || !v.every(Number.isFinite)) {
    throw new ImageBindOutputError(
      `${what} embedding is not ${IMAGEBIND_DIM} finite numbers (got ${v.length})`,
    );
  }
  return Array.from(v);
}

/** ImageBind v2's text encoder with CLIP's tokenizer and OMEGA's chunking of long texts. */
export class OnnxImageBindText implements ImageBindTextEmbedder {
  constructor(
    private readonly textSession: ModelSession,
    readonly tokenizer: ClipTokenizer,
    private readonly batchSize: number,
  ) {}

  private chunks(text: string, maxTokens: number): string[] {
    const chunks = splitTextByTokenLimit(this.tokenizer, text, maxTokens);
    // An empty text still gets an embedding (SOT + EOT), as the reference's would.
    return chunks.length > 0 ? chunks : [text];
  }

  /** ImageBind v2 text embedding: the mean of the ≤ 74-token chunks' embeddings. */
  async embedTexts(texts: readonly string[]): Promise<number[][]> {
    const out: number[][] = [];
    for (const text of texts) {
      const chunks = this.chunks(text, TEXT_CHUNK_TOKENS);
      const ids = this.tokenizer.tokenize(chunks);
      const mean = await embedMean(this.textSession, ids, [chunks.length, CONTEXT_LENGTH], {
        batchSize: this.batchSize,
      });
      out.push(checked(mean, 'text'));
    }
    return out;
  }

  /** One embedding per chunk of at most `maxTokens` tokens. */
  async embedTextChunks(text: string, maxTokens = TEXT_CHUNK_TOKENS): Promise<number[][]> {
    const chunks = this.chunks(text, maxTokens);
    const ids = this.tokenizer.tokenize(chunks);
    const out = await runBatched(this.textSession, ids, [chunks.length, CONTEXT_LENGTH], {
      batchSize: this.batchSize,
    });
    const dim = out.dims[1] ?? 0;
    return chunks.map((_, i) => checked(out.data.subarray(i * dim, (i + 1) * dim), 'text chunk'));
  }

  uniqueTokens(text: string): number {
    return new Set(countedTokens(this.tokenizer, text)).size;
  }

  async release(): Promise<void> {
    await this.textSession.release();
  }
}

/**
 * ImageBind v2 on ONNX Runtime with the preprocessing of this package: video and audio of a clip
 * file, and text through OnnxImageBindText.
 */
export class OnnxImageBind extends OnnxImageBindText implements ImageBindEmbedder {
  constructor(
    private readonly ff: Ffmpeg,
    private readonly sessions: ImageBindSessions,
    tokenizer: ClipTokenizer,
    private readonly clipBatchSize: number,
  ) {
    super(sessions.text, tokenizer, clipBatchSize);
  }

  async embedClipTimed(file: string): Promise<{ embeddings: ClipEmbeddings; timings: ClipTimings }> {
    const v = await loadVisionInput(this.ff, file);
    let t = performance.now();
    const video = await embedMean(this.sessions.vision, v.data, v.dims, { batchSize: this.clipBatchSize });
    const videoEmbedS = (performance.now() - t) / 1000;
    const a = await loadAudioInput(this.ff, file);
    t = performance.now();
    const audio = await embedMean(this.sessions.audio, a.data, a.dims, { batchSize: this.clipBatchSize });
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

  override async release(): Promise<void> {
    await Promise.all(Object.values(this.sessions).map((s) => s.release()));
  }
}
