export {
  ChainSpecError,
  type ParsedChainSpec,
  PINNED_SPEC,
  type PlainChainSpec,
  parseChainSpec,
  type RawChainSpec,
  type ResolveChainSpecOptions,
  type ResolvedChainSpec,
  resolveChainSpec,
} from './chainSpec.js';
export {
  type CreatedSubnet,
  type CreateSubnetOptions,
  createSubnet,
  TEST_SUBNET_DEFAULTS,
  type TestSubnetParams,
} from './createSubnet.js';
export {
  fundAccount,
  headNumber,
  type NewBlocksOptions,
  newBlocks,
  setHead,
  setStorage,
} from './devRpc.js';
export { checkForkUrl, fetchForkCode, forkImportStorage } from './fork.js';
export { buildRawSpec, deriveRawSpec, mergePatch, type RunTask } from './genesisBuilder.js';
export { loadChopsticks } from './loadChopsticks.js';
export { findSharedDir } from './sharedDir.js';
export { type BlockMode, type Localnet, type StartLocalnetOptions, startLocalnet } from './startLocalnet.js';
