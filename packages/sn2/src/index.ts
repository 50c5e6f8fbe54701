export * from './circuits/catalog.js';
export * from './circuits/definition.js';
export type { Sn2Round } from './daemon/createSn2Validator.js';
export { sn2NeuronEntry } from './daemon/entry.js';
export { CircuitListError, loadCircuits, parseCircuitList, ptauFromConfig } from './daemon/loadCircuits.js';
export { MinerService, type MinerServiceOptions } from './daemon/minerService.js';
export { responseTimeBounds } from './daemon/responseTimeBounds.js';
export { runSn2, runSn2Neuron, sn2AppDefaults } from './daemon/runSn2Neuron.js';
export { ScoreState, SN2_STATE_FILE } from './daemon/scoreState.js';
export {
  type MinerResult,
  runtimeReward,
  runtimeScoreAfter,
  type ScoreUpdate,
  updateScore,
} from './daemon/scoreUpdate.js';
export { SN2_OPTIONS, SN2_WEIGHTS_VERSION } from './daemon/sn2Options.js';
export { sn2Plugin } from './daemon/sn2Plugin.js';
export { type QueriedResult, ValidatorService } from './daemon/validatorService.js';
export * from './inputs/canonicalJson.js';
export * from './inputs/hashGuard.js';
export * from './inputs/mlpInputs.js';
export * from './inputs/powInputs.js';
export * from './inputs/random.js';
export * from './protocol.js';
export * from './prover/proverPool.js';
export * from './scoring/circuitScore.js';
export * from './scoring/constants.js';
export * from './scoring/rewardFormula.js';
export * from './synapses.js';
export * from './verifier/circuitRegistry.js';
export * from './verifier/groth16Proof.js';
export * from './verifier/groth16Verifier.js';
export * from './verifier/overwritePublicInputs.js';
export * from './verifier/verifyResponse.js';
export * from './zk/binHeaders.js';
export * from './zk/buildCircuit.js';
export * from './zk/compileCircuit.js';
export * from './zk/errors.js';
export * from './zk/field.js';
export * from './zk/paths.js';
export * from './zk/ptau.js';
export * from './zk/r1csCheck.js';
export * from './zk/setupGroth16.js';
export * from './zk/witness.js';
