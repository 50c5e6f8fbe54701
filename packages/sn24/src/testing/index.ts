// Test helpers: tiny SN24 models, vectors, generated video folders.

export { type DemoVideoFolderOptions, makeDemoVideoFolder } from './demoVideoFolder.js';
export { defaultTinySn24Dir, tinySn24ModelOptions } from './tinySn24Models.js';
export { tinyByteBpeVocab, tinyClipVocab, tinyWordPieceVocab } from './tinyVocabularies.js';
export { e, vec, videoItem } from './vectors.js';
