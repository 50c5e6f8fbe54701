import type { ChainClient } from '../client/connect.js';
import { getCurrentBlock } from './subscribeBlocks.js';

/**
 * Blocks from the current head until the next block that runs the subnet's epoch (1 = the very next
 * block), or undefined for tempo 0 (no epochs). Uses `get_next_epoch_start_block` when the runtime
 * has it (>= v3.4.8, stateful epoch counter); older runtimes run the epoch in block b where
 * (b + netuid + 1) mod (tempo + 1) == 0.
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
    (await client.request('SubtensorModule.Tempo', () => api.query.subtensorModule.tempo(params.netuid))).toString(),
  );
  return epochDistance(block, params.netuid, tempo);
}

/** The legacy (pre-v3.4.8) epoch schedule; exported for tests. */
export function epochDistance(block: number, netuid: number, tempo: number): number | undefined {
  if (tempo === 0) return undefined;
  const period = tempo + 1;
  return period - ((block + netuid + 1) % period);
}
