import type { ChainClient } from '../client/connect.js';
import { getCurrentBlock } from './subscribeBlocks.js';

/**
 * Blocks from the current head until the next block that runs the subnet's epoch (1 = the very next
 * block), or undefined for tempo 0 (no epochs). Uses `get_next_epoch_start_block` when the runtime
 * has it (>= v3.4.8, stateful epoch counter). Older runtimes run the epoch in the block b for which
 * `tempo - (b + netuid + 1) mod (tempo + 1) == 0` (their own blocks_until_next_epoch), i.e.
 * (b + netuid + 1) mod (tempo + 1) == tempo; measured on spec 293 (the epoch test on the local chain).
 */
export async function blocksUntilNextEpoch(
  client: ChainClient,
  params: { netuid: number; block?: number },
): Promise<number | undefined> {
  const { api } = client;
  const block = params.block ?? (await getCurrentBlock(client));
  const nextStart = api.call.subnetInfoRuntimeApi?.getNextEpochStartBlock;
  if (nextStart !== undefined && params.block === undefined) {
    const next = await client.request('getNextEpochStartBlock', () => nextStart(params.netuid));
    const value = next.toJSON() as number | null;
    return value === null ? undefined : Math.max(1, value - block);
  }
  const tempo = Number(
    (
      await client.request('SubtensorModule.Tempo', () => api.query.subtensorModule.tempo(params.netuid))
    ).toString(),
  );
  return epochDistance(block, params.netuid, tempo);
}

/** The legacy (pre-v3.4.8) epoch schedule; exported for tests. */
export function epochDistance(block: number, netuid: number, tempo: number): number | undefined {
  if (tempo === 0) return undefined;
  const untilFromHead = tempo - ((block + netuid + 1) % (tempo + 1));
  // 0 means the head itself ran the epoch; the next one is a full period later.
  return untilFromHead === 0 ? tempo + 1 : untilFromHead;
}
