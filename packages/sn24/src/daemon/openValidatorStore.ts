import { join } from 'node:path';
import type { Logger } from '@taonode/neuron';
import {
  createHfUploader,
  createPineconeIndex,
  DatasetSink,
  openExactIndex,
  type VectorIndex,
} from '@taonode/store';
import { EMBEDDING_DIM } from '../constants.js';
import { VIDEO_DATASET_COLUMNS } from '../dataset.js';
import type { Sn24Secrets, Sn24Settings } from './sn24Settings.js';

export interface ValidatorStore {
  index: VectorIndex;
  sink: DatasetSink;
  /** Which novelty backend is in use, for the start-up log (never the key). */
  indexKind: 'embedded' | 'pinecone';
  close(): Promise<void>;
}

/** The embedded index's log, beside the dataset folder's parent (the validator's state). */
export const EMBEDDED_INDEX_FILE = 'sn24-video-index.vlog';

/**
 * Opens the novelty index (Pinecone when a key is in the environment and an index is named, else
 * the embedded exact index persisted in the state folder) and the parquet dataset sink (uploading
 * to a Hugging Face dataset repo when one is configured).
 */
export async function openValidatorStore(
  s: Sn24Settings,
  secrets: Sn24Secrets,
  stateDir: string,
  logger: Logger,
): Promise<ValidatorStore> {
  const usePinecone = secrets.pineconeApiKey !== undefined && s.pineconeIndex !== undefined;
  if (secrets.pineconeApiKey !== undefined && s.pineconeIndex === undefined) {
    logger.warn('PINECONE_API_KEY is set but --sn24.pinecone_index is not; using the embedded index');
  }
  const index: VectorIndex = usePinecone
    ? createPineconeIndex({
        apiKey: secrets.pineconeApiKey!,
        indexName: s.pineconeIndex!,
        dimension: EMBEDDING_DIM,
        ...(s.pineconeHost ? { host: s.pineconeHost } : {}),
      })
    : await openExactIndex({ dimension: EMBEDDING_DIM, file: join(stateDir, EMBEDDED_INDEX_FILE) });
  if (s.hfRepo !== undefined && secrets.hfToken === undefined) {
    logger.warn({ repo: s.hfRepo }, 'HF_TOKEN is not set: parquet files stay in the local folder only');
  }
  const uploader =
    s.hfRepo !== undefined && secrets.hfToken !== undefined
      ? createHfUploader({ repo: s.hfRepo, accessToken: secrets.hfToken, hubUrl: s.hfEndpoint })
      : undefined;
  let sink: DatasetSink;
  try {
    sink = await DatasetSink.open({
      dir: s.datasetDir,
      columns: VIDEO_DATASET_COLUMNS,
      batchSizes: s.datasetBatchSizes,
      ...(uploader ? { uploader } : {}),
      onError: (err) =>
        logger.warn(
          { err: err instanceof Error ? err.message : String(err) },
          'SN24 dataset flush failed; will retry',
        ),
    });
  } catch (err) {
    await index.close();
    throw err;
  }
  return {
    index,
    sink,
    indexKind: usePinecone ? 'pinecone' : 'embedded',
    async close() {
      await sink.close();
      await index.close();
    },
  };
}
