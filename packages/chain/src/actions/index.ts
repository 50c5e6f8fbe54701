export { isValidAddress } from './address.js';
export { type AddStakeParams, addStake, addStakeCall, getStake, MIN_STAKE_RAO } from './addStake.js';
export { blocksUntilNextEpoch, epochDistance } from './blocksUntilNextEpoch.js';
export {
  type BurnedRegisterParams,
  burnedRegister,
  burnedRegisterCall,
  getBurnCost,
  getUid,
  type Registration,
} from './burnedRegister.js';
export { type Balance, getBalance } from './getBalance.js';
export { type BlockTime, getBlockTime } from './getBlockTime.js';
export {
  BlockNotFoundError,
  type BlockTransfer,
  type BlockTransfers,
  getBlockTransfers,
} from './getBlockTransfers.js';
export { getHotkeyOwner } from './getHotkeyOwner.js';
export { getHyperparameters } from './getHyperparameters.js';
export {
  getMetagraph,
  type Metagraph,
  type MetagraphHyperparameters,
  type MetagraphNeuron,
  type NeuronAxon,
  toMetagraph,
} from './getMetagraph.js';
export { getWeightRows, type WeightEntry } from './getWeightRows.js';
export { type MetagraphJson, metagraphJsonSchema } from './metagraphSchema.js';
export { type Decoded, planDecoder, UnsupportedScaleType } from './scaleDecoder.js';
export {
  type AxonInfo,
  DEFAULT_AXON_VERSION,
  getAxon,
  type ServeAxonParams,
  type ServeAxonResult,
  serveAxon,
} from './serveAxon.js';
export { getCurrentBlock, type NewBlock, subscribeBlocks } from './subscribeBlocks.js';
export { type TransferParams, transfer, transferCall } from './transfer.js';
export { formatAlpha, formatTao, RAO_PER_TAO, raoToTao, taoToRao, U16_MAX_FLOAT } from './units.js';
