import type { ChainClient } from '../client/connect.js';

export interface Balance {
  address: string;
  /** rao */
  free: bigint;
  reserved: bigint;
  frozen: bigint;
  nonce: number;
}

export async function getBalance(client: ChainClient, params: { address: string }): Promise<Balance> {
  const account = await client.request('System.Account', (api) => api.query.system.account(params.address));
  return {
    address: params.address,
    free: account.data.free.toBigInt(),
    reserved: account.data.reserved.toBigInt(),
    frozen: account.data.frozen.toBigInt(),
    nonce: account.nonce.toNumber(),
  };
}
