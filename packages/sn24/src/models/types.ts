import type { UnstufferResult } from '../scoring/stuffing.js';

/** The two media embeddings of one clip, each 1,024 floats (ImageBind v2 output contract). */
export interface ClipEmbeddings {
  video_emb: number[];
  audio_emb: number[];
}

/**
 * ImageBind on ONNX Runtime: the miner embeds its clips with it and the validator recomputes the
 * same embeddings in its spot check, so both must go through this one implementation.
 */
export interface ImageBindEmbedder {
  /** Embeds the local media file (already cut to the clip), video and audio. */
  embedClip(file: string): Promise<ClipEmbeddings>;
  /** Text embeddings, one per input, chunked as the spec says for long descriptions. */
  embedTexts(texts: readonly string[]): Promise<number[][]>;
  /**
   * One text embedding per chunk of at most `maxTokens` BPE tokens (the spec's extraneous-chunk
   * check, §5.2 step 11, uses 60). Optional so test fakes need not implement it; the ONNX one does.
   */
  embedTextChunks?(text: string, maxTokens?: number): Promise<number[][]>;
  /** Distinct BPE token ids of `text` as the reference counts them (§5.3 length scaling). */
  uniqueTokens?(text: string): number;
}

/** gte-large cosine between a description and the topic (spec §5.2 query relevance). */
export interface TextSimilarity {
  similarity(a: string, b: string): Promise<number>;
}

/** The description-stuffing classifier (spec §5.2 step 10). */
export interface Unstuffer {
  classify(descriptions: readonly string[]): Promise<UnstufferResult[]>;
}

/** Every model an SN24 neuron needs; a miner only uses `imagebind`. */
export interface Sn24Models {
  imagebind: ImageBindEmbedder;
  textSimilarity: TextSimilarity;
  unstuffer: Unstuffer;
  close(): Promise<void>;
}
