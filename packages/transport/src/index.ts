export { type Axon, type AxonOptions, type AxonResponse, createAxon } from './axon/createAxon.js';
export { ForwardRejection } from './axon/forwardRejection.js';
export {
  type AttachHandlers,
  type BlacklistResult,
  type ForwardContext,
  type StreamResponse,
  streamResponse,
} from './axon/hooks.js';
export { ALLOWED_DELTA_NS, NonceWindow, type NonceWindowOptions } from './axon/nonceWindow.js';
export { computeBodyHash, EMPTY_BODY_HASH, type HashField, sha3Hex } from './codec/bodyHash.js';
export { synapseToHeaders, terminalFromHeaders } from './codec/headers.js';
export { JsonSyntaxError, parseLosslessJson, stringifyLosslessJson } from './codec/losslessJson.js';
export { NonceSource, processNonces, wallClockNs } from './codec/nonce.js';
export { type NumberKind, pythonFloatRepr, pythonRepr, pythonStr } from './codec/pythonStr.js';
export { dendriteSignatureMessage } from './codec/signatureMessage.js';
export { synapseUrl } from './codec/url.js';
export {
  type AxonTarget,
  createDendrite,
  type Dendrite,
  type DendriteOptions,
  type QueryOptions,
} from './dendrite/createDendrite.js';
export { BaseSynapse } from './synapse/baseSynapse.js';
export {
  DEFAULT_MAX_BODY_BYTES,
  defineSynapse,
  type SynapseDef,
  type SynapseOptions,
  synapseTypeOf,
} from './synapse/defineSynapse.js';
export {
  DEFAULT_TIMEOUT_S,
  failedVerification,
  isBlacklist,
  isSuccess,
  isTimeout,
  SYNAPSE_TYPE,
  type Synapse,
  type SynapseBase,
} from './synapse/synapse.js';
export { emptyTerminal, type TerminalInfo } from './synapse/terminalInfo.js';
export { SDK_VERSION, V_7_2_0 } from './version.js';
