import type { ChainClient } from '../client/connect.js';
import { commitmentText, decodeRegistration } from './data.js';
import type { Commitment } from './getCommitment.js';

/** Every commitment on `netuid` (the `CommitmentOf` map), ordered by hotkey. */
export async function getAllCommitments(
  client: ChainClient,
  args: { netuid: number },
): Promise<Commitment[]> {
  const entries = await client.request('commitments', (api) =>
    api.query.commitments.commitmentOf.entries(args.netuid),
  );
  const out: Commitment[] = [];
  for (const [key, value] of entries) {
    if (value.isEmpty) continue;
    const hotkey = key.args[1]!.toString();
    const reg = decodeRegistration(value.toU8a().subarray(1));
    out.push({ netuid: args.netuid, hotkey, ...reg, text: commitmentText(reg.fields) });
  }
  return out.sort((a, b) => (a.hotkey < b.hotkey ? -1 : a.hotkey > b.hotkey ? 1 : 0));
}
