// Test helpers: tiny SN21 models with the real contract, SN24-shaped test rows, a local hub.

export {
  type FakeModelHub,
  type FakeModelHubOptions,
  type RepoType,
  startFakeModelHub,
} from './fakeModelHub.js';
export {
  makeTestRows,
  TEST_ROW_COLUMNS,
  type TestRow,
  testDatasetFiles,
  testRowsAsDataset,
} from './testRows.js';
export {
  type ModelFolderFiles,
  memorizingCaptionModel,
  type TransformerOptions,
  transformerCaptionModel,
} from './tinyCaptionModels.js';
export { loadTinyImageBindText } from './tinyImageBindText.js';
export {
  captionIds,
  defaultTinySn21Dir,
  ensureTinySn21Models,
  TINY_ROW_COUNT,
  TINY_SN21_VERSION,
  type TinyModelKind,
  type TinySn21Models,
  tinyModelFiles,
  writeModelFolder,
} from './tinySn21Models.js';
export {
  TINY_EOS,
  TINY_PROMPT,
  TINY_SPECIALS,
  TINY_VOCAB_SIZE,
  TINY_WORDS,
  tinyCaption,
  tinyTokenId,
  tinyTokenizerJson,
} from './tinyVocabulary.js';
