export * from './circuits/catalog.js';
export * from './circuits/definition.js';
export { type Sn2Round, VALIDATOR_STAKE_THRESHOLD } from './daemon/createSn2Validator.js';
export {
  CircuitListError,
  type CircuitOptions,
  loadCircuits,
  parseCircuitList,
  ptauFromOptions,
} from './daemon/loadCircuits.js';
export { MinerService, type MinerServiceOptions } from './daemon/minerService.js';
export { responseTimeBounds } from './daemon/responseTimeBounds.js';
export { type MinerResult, type ScoreUpdate, updateScore } from './daemon/scoreUpdate.js';
export { SN2_WEIGHTS_VERSION, type Sn2Options, sn2Options } from './daemon/sn2Options.js';
export { sn2Plugin } from './daemon/sn2Plugin.js';
export {
  SN2_LEGACY_STATE_FILE,
  type Sn2Result,
  type Sn2ScoreState,
  sn2ScoreStateSchema,
  sn2Scoring,
} from './daemon/sn2Scoring.js';
export { type QueriedResult, ValidatorService } from './daemon/validatorService.js';
