import type { ChainClient } from '@taonode/chain';

/**
 * `Weights[netuid][uid]` as stored on chain: (uid, u16) pairs. Read straight from storage because
 * @taonode/chain has no weights reader yet; swap in its action when it gets one.
 */
export async function readChainWeights(
  client: ChainClient,
  netuid: number,
  uid: number,
): Promise<Map<number, number>> {
  const raw = await client.request('SubtensorModule.Weights', (api) =>
    api.query.subtensorModule.weights(netuid, uid),
  );
  const pairs = raw.toJSON();
  const out = new Map<number, number>();
  if (Array.isArray(pairs)) {
    for (const pair of pairs) {
      if (Array.isArray(pair) && pair.length === 2) out.set(Number(pair[0]), Number(pair[1]));
    }
  }
  return out;
}
