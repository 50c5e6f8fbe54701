export { NoopGenerator } from './noopGenerator.js';
export { seededRandom } from './seededRandom.js';
export { type BenchMiner, spawnBenchMiner } from './spawnBenchMiner.js';
export { startTestMiner, type TestMiner } from './testMiner.js';
