import type { ChainClient } from '@taonode/chain';

/**
 * Blocks in [fromBlock, toBlock] whose events hold `WeightsSet(netuid, uid)`: what actually landed on
 * chain, including a submission whose reply the validator never saw (so a resend would show up here).
 */
export async function weightsSetBlocks(
  client: ChainClient,
  args: { netuid: number; uid: number; fromBlock: number; toBlock: number },
): Promise<number[]> {
  const out: number[] = [];
  for (let n = Math.max(1, args.fromBlock); n <= args.toBlock; n++) {
    const found = await client.request(`events of block ${n}`, async (api) => {
      const hash = await api.rpc.chain.getBlockHash(n);
      const records = await (await api.at(hash)).query.system!.events!();
      return (records as unknown as { event: { section: string; method: string; data: unknown[] } }[]).some(
        ({ event }) =>
          event.section === 'subtensorModule' &&
          event.method === 'WeightsSet' &&
          Number(String(event.data[0])) === args.netuid &&
          Number(String(event.data[1])) === args.uid,
      );
    });
    if (found) out.push(n);
  }
  return out;
}
