import { z } from 'zod';
import type { ChainClient } from '../client/connect.js';
import { ChainDecodeError } from '../errors/chainError.js';

/** One stored weight of a validator: the target uid and the u16 the chain keeps. */
export interface WeightEntry {
  uid: number;
  /** As stored (the chain max-upscales each row to 65535). */
  raw: number;
  /** Share of the row, summing to 1 per validator (the Python SDK's `W` row). */
  weight: number;
}

const row = z.array(z.tuple([z.number().int(), z.number().int()]));

/**
 * Every validator's stored weights on `netuid` (`Weights` storage, one entry per uid that set any),
 * keyed by the setter's uid. `at` pins a block hash. Weights are not part of get_metagraph, so this
 * costs one extra storage read; the SDK's non-lite metagraph reads them too.
 */
export async function getWeightRows(
  client: ChainClient,
  params: { netuid: number; at?: string },
): Promise<Map<number, WeightEntry[]>> {
  const entries = await client.request('SubtensorModule.Weights', async (api) => {
    const q = params.at === undefined ? api.query : (await api.at(params.at)).query;
    return q.subtensorModule.weights.entries(params.netuid);
  });
  const rows = new Map<number, WeightEntry[]>();
  for (const [key, value] of entries) {
    const setter = Number(key.args[1]?.toString());
    const parsed = row.safeParse(value.toJSON());
    if (!parsed.success || !Number.isInteger(setter)) {
      throw new ChainDecodeError('a Weights storage entry has an unexpected shape', {
        netuid: params.netuid,
        key: key.toHex(),
      });
    }
    const sum = parsed.data.reduce((acc, [, w]) => acc + w, 0);
    rows.set(
      setter,
      parsed.data.map(([uid, raw]) => ({ uid, raw, weight: sum === 0 ? 0 : raw / sum })),
    );
  }
  return rows;
}
