import type { ChainClient } from '../client/connect.js';
import { type CommitmentField, commitmentText, decodeRegistration } from './data.js';

export interface Commitment {
  netuid: number;
  hotkey: string;
  /** Block the commitment was last set in. */
  block: number;
  deposit: bigint;
  fields: CommitmentField[];
  /** First field as UTF-8 (what the SDK's `get_commitment` returns). */
  text: string;
}

/** The commitment of one hotkey on `netuid`, or undefined when it never committed. */
export async function getCommitment(
  client: ChainClient,
  args: { netuid: number; hotkey: string },
): Promise<Commitment | undefined> {
  const value = await client.request('commitment', (api) =>
    api.query.commitments.commitmentOf(args.netuid, args.hotkey),
  );
  if (value.isEmpty) return undefined;
  // Option<Registration>: skip the Some byte and decode the registration ourselves, so the result
  // does not depend on how the type registry names the Data variants.
  const reg = decodeRegistration(value.toU8a().subarray(1));
  return { netuid: args.netuid, hotkey: args.hotkey, ...reg, text: commitmentText(reg.fields) };
}
