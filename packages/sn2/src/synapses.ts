import { defineSynapse } from '@taonode/transport';
import {
  deserializeProofOfWeights,
  deserializeQueryForCapacities,
  deserializeQueryZkProof,
  ProofOfWeightsSynapseSchema,
  QueryForCapacitiesSchema,
  QueryZkProofSchema,
} from './protocol.js';

// The SN2 synapses as transport types: class names are the URL paths a Python validator posts to.
// Inputs of the 1024 batch run to a few hundred kB; proofs and 15k public signals stay under 1 MB.
const MAX_BODY = 8 * 1024 * 1024;

export const Sn2QueryZkProof = defineSynapse('QueryZkProof', QueryZkProofSchema, {
  deserialize: deserializeQueryZkProof,
  maxBodyBytes: MAX_BODY,
  timeoutS: 60,
});

export const Sn2ProofOfWeights = defineSynapse('ProofOfWeightsSynapse', ProofOfWeightsSynapseSchema, {
  deserialize: deserializeProofOfWeights,
  maxBodyBytes: MAX_BODY,
  timeoutS: 60,
});

export const Sn2QueryForCapacities = defineSynapse('QueryForCapacities', QueryForCapacitiesSchema, {
  deserialize: deserializeQueryForCapacities,
});
