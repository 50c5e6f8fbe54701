import type { ChainClient } from '../client/connect.js';
import type { TxSigner } from '../tx/signer.js';
import { submitExtrinsic } from '../tx/submit.js';
import { type CommitmentField, fieldForBytes, fieldToApiValue } from './data.js';
import { CommitmentInputError, withCommitmentHint } from './errors.js';

export interface SetCommitmentArgs {
  netuid: number;
  /** A string is sent as its UTF-8 bytes in one `Raw` field (`BigRaw` above 128 bytes), like the SDK. */
  data: string | Uint8Array | readonly CommitmentField[];
  /** A hotkey registered on `netuid`. */
  signer: TxSigner;
}

const MAX_FIELDS = 3;

/**
 * `Commitments.set_commitment`, hotkey-signed and fee-free. Refusals: `AccountNotAllowedCommit`
 * (hotkey not registered on the subnet), `SpaceLimitExceeded` (per-epoch byte budget), or
 * `TooManyFieldsInCommitmentInfo`.
 */
export async function setCommitment(
  client: ChainClient,
  args: SetCommitmentArgs,
): Promise<{ txHash: string; blockHash: string; fields: CommitmentField[] }> {
  const fields: CommitmentField[] =
    typeof args.data === 'string'
      ? [fieldForBytes(new TextEncoder().encode(args.data))]
      : args.data instanceof Uint8Array
        ? [fieldForBytes(args.data)]
        : [...args.data];
  if (fields.length > MAX_FIELDS) {
    throw new CommitmentInputError(`a commitment holds at most ${MAX_FIELDS} fields, got ${fields.length}`);
  }
  const tx = client.api.tx.commitments.setCommitment(args.netuid, { fields: fields.map(fieldToApiValue) });
  const result = await submitExtrinsic(client, tx, { signer: args.signer, label: 'set_commitment' }).catch(
    (error: unknown) => {
      throw withCommitmentHint(error);
    },
  );
  return { txHash: result.txHash, blockHash: result.blockHash, fields };
}
