import { z } from 'zod';
import type { ChainClient } from '../client/connect.js';
import { ChainDecodeError } from '../errors/chainError.js';
import { netuidIndex } from './commitHash.js';

export interface OnChainCommit {
  commitHash: `0x${string}`;
  /** Block the commit was included in. */
  commitBlock: number;
  /** Reveal window as the runtime stored it (runtimes before the epoch counter). */
  revealFromBlock: number | undefined;
  revealUntilBlock: number | undefined;
  /** Epoch of the commit (runtimes with the epoch counter). */
  commitEpoch: number | undefined;
}

const num = z.union([z.number(), z.string()]).transform(Number);
const tupleSchema = z.tuple([z.string().regex(/^0x[0-9a-f]{64}$/), num, num, num]);
const listSchema = z.array(tupleSchema).nullable();

/**
 * Unrevealed hash commits of a hotkey (`WeightCommits`). The tuple is
 * `(hash, commit_block, first_reveal_block, last_reveal_block)` on runtimes that derive epochs from
 * blocks, and `(hash, commit_epoch, commit_block, 0)` on runtimes with the stored epoch counter.
 */
export async function getWeightCommits(
  client: ChainClient,
  args: { netuid: number; mecid?: number; hotkey: string; epochCounter: boolean },
): Promise<OnChainCommit[]> {
  const raw = await client.request('WeightCommits', (api) =>
    api.query.subtensorModule.weightCommits(netuidIndex(args.netuid, args.mecid), args.hotkey),
  );
  const parsed = listSchema.safeParse(raw.toJSON());
  if (!parsed.success) {
    throw new ChainDecodeError('WeightCommits has an unexpected shape', {
      netuid: args.netuid,
      hotkey: args.hotkey,
    });
  }
  return (parsed.data ?? []).map(([hash, a, b, c]) =>
    args.epochCounter
      ? {
          commitHash: hash as `0x${string}`,
          commitBlock: b,
          revealFromBlock: undefined,
          revealUntilBlock: undefined,
          commitEpoch: a,
        }
      : {
          commitHash: hash as `0x${string}`,
          commitBlock: a,
          revealFromBlock: b,
          revealUntilBlock: c,
          commitEpoch: undefined,
        },
  );
}
