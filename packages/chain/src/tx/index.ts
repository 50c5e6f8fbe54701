export { estimateFee } from './estimateFee.js';
export { nextNonce } from './nextNonce.js';
export { signerAddress, type TxSigner, toKeyringPair } from './signer.js';
export {
  type ChainEvent,
  findEvent,
  type SubmitOptions,
  type SubmitResult,
  submitExtrinsic,
} from './submit.js';
