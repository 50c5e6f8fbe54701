export {
  BIG_RAW_MAX,
  type CommitmentField,
  type CommitmentRegistration,
  commitmentText,
  decodeField,
  decodeRegistration,
  encodeField,
  encodeSetCommitmentCall,
  fieldForBytes,
  fieldToApiValue,
  RAW_MAX,
} from './data.js';
export { CommitmentDecodeError, CommitmentInputError } from './errors.js';
export { getAllCommitments } from './getAllCommitments.js';
export { type Commitment, getCommitment } from './getCommitment.js';
export { type SetCommitmentArgs, setCommitment } from './setCommitment.js';
