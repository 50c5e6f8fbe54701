import type { ExtDef } from '@polkadot/types/extrinsic/signedExtensions/types';

const EMPTY = { extrinsic: {}, payload: {} };

/**
 * Subtensor's own transaction extensions (spec §3.1). polkadot.js already knows CheckMortality and
 * CheckNonce; the rest must be declared, or they are silently treated as empty, which is wrong for the
 * tip-carrying wrapper and noisy for the others.
 */
export const SUBTENSOR_SIGNED_EXTENSIONS: ExtDef = {
  ChargeTransactionPaymentWrapper: { extrinsic: { tip: 'Compact<Balance>' }, payload: {} },
  SubtensorTransactionExtension: EMPTY,
  SudoTransactionExtension: EMPTY,
  CheckShieldedTxValidity: EMPTY,
  DrandPriority: EMPTY,
};
