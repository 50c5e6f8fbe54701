export { type TxSigner, signerAddress, toKeyringPair } from './signer.js';
export { type ChainEvent, findEvent, type SubmitOptions, type SubmitResult, submitExtrinsic } from './submit.js';
export { estimateFee } from './estimateFee.js';
