import type { ChainClient } from '../client/connect.js';
import { mapError } from '../client/connect.js';

export interface NewBlock {
  number: number;
  hash: string;
}

/**
 * Calls `onBlock` for every new head. The subscription survives reconnects (the provider
 * re-subscribes), so a daemon can keep one for its whole life. Returns the unsubscribe function.
 */
export async function subscribeBlocks(
  client: ChainClient,
  onBlock: (block: NewBlock) => void,
): Promise<() => void> {
  const unsub = await client.request('chain_subscribeNewHeads', (api) =>
    api.rpc.chain.subscribeNewHeads((header) => {
      onBlock({ number: header.number.toNumber(), hash: header.hash.toHex() });
    }),
  );
  return () => {
    try {
      unsub();
    } catch (error) {
      // Unsubscribing while disconnected is harmless; the provider forgets the subscription anyway.
      void mapError(error, client.endpoint);
    }
  };
}

export async function getCurrentBlock(client: ChainClient): Promise<number> {
  const header = await client.request('chain_getHeader', (api) => api.rpc.chain.getHeader());
  return header.number.toNumber();
}
