import type { KeyringPair } from '@polkadot/keyring/types';

/** A @polkadot/keyring pair, or anything that can produce one (a `@taonode/wallet` Keypair). */
export type TxSigner = KeyringPair | { toKeyringPair(): KeyringPair };

export function toKeyringPair(signer: TxSigner): KeyringPair {
  return 'toKeyringPair' in signer && typeof signer.toKeyringPair === 'function'
    ? signer.toKeyringPair()
    : (signer as KeyringPair);
}

/** The SS58 address of a signer without touching its secret. */
export function signerAddress(signer: TxSigner): string {
  if ('ss58Address' in signer && typeof signer.ss58Address === 'string') return signer.ss58Address;
  return toKeyringPair(signer).address;
}
