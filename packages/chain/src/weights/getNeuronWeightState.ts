import type { ChainClient } from '../client/connect.js';
import { netuidIndex } from './commitHash.js';

export interface NeuronWeightState {
  /** The hotkey's uid on the subnet, or undefined if it is not registered there. */
  uid: number | undefined;
  /** `LastUpdate[uid]`: block of the last weights/commit (registration block for new neurons). */
  lastUpdate: number | undefined;
}

/** Reads the hotkey's uid and the block its weights were last updated (for the rate limit). */
export async function getNeuronWeightState(
  client: ChainClient,
  args: { netuid: number; mecid?: number; hotkey: string },
): Promise<NeuronWeightState> {
  return client.request('neuron weight state', async (api) => {
    const q = api.query.subtensorModule;
    const [uidOpt, lastUpdates] = await Promise.all([
      q.uids(args.netuid, args.hotkey),
      q.lastUpdate(netuidIndex(args.netuid, args.mecid)),
    ]);
    const uidJson = uidOpt.toJSON();
    if (typeof uidJson !== 'number') return { uid: undefined, lastUpdate: undefined };
    const updates = lastUpdates.toJSON();
    const last = Array.isArray(updates) ? updates[uidJson] : undefined;
    return { uid: uidJson, lastUpdate: last === undefined || last === null ? undefined : Number(last) };
  });
}
