export {
  type ColumnSpec,
  type ColumnType,
  type DatasetRow,
  DatasetRowError,
  type DatasetValue,
  rowSchema,
} from './dataset/columns.js';
export {
  DatasetSink,
  type DatasetSinkOptions,
  type DatasetUploader,
  type FlushStep,
} from './dataset/datasetSink.js';
export { createHfUploader, DatasetUploadError, type HfUploaderOptions } from './dataset/hfUploader.js';
export { JournalCorruptError } from './dataset/journal.js';
export { readParquetRows, rowsToParquet } from './dataset/parquetRows.js';
export { batchPath, ulid, ulidToBigInt } from './dataset/ulid.js';
export { cosineSimilarity, dot, l2norm } from './vector/cosine.js';
export { RemoteIndexError, VectorInputError, VectorLogCorruptError } from './vector/errors.js';
export { ExactIndex, type ExactIndexOptions, openExactIndex } from './vector/exactIndex.js';
export { createPineconeIndex, type PineconeIndexOptions } from './vector/pineconeIndex.js';
export type { QueryOptions, VectorIndex, VectorMatch, VectorMetadata, VectorRecord } from './vector/types.js';
export { validateVector } from './vector/validateVector.js';
