// Test helpers: generated videos (ffmpeg testsrc + sine) for media and subnet tests.
export { makeTestVideo, type TestVideoOptions } from './makeTestVideo.js';
export { tinyClipVocab } from './tinyClipVocab.js';
