import type { ChainClient } from '../client/connect.js';

/** The nonce the account's next transaction gets (`system_accountNextIndex`: counts pool transactions too). */
export async function nextNonce(client: ChainClient, address: string): Promise<number> {
  const index = await client.request('system_accountNextIndex', (api) =>
    api.rpc.system.accountNextIndex(address),
  );
  return index.toNumber();
}
