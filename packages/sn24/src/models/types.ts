export type { ClipEmbeddings, ImageBindEmbedder } from '@taonode/media';

import type { ImageBindEmbedder } from '@taonode/media';
import type { UnstufferResult } from '../scoring/stuffing.js';

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
