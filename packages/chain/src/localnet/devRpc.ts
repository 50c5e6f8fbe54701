import type { ChainClient } from '../client/connect.js';

/**
 * chopsticks' dev_* RPCs through a client. They work from any process connected to a local chain
 * (the CLI's `localnet advance`, tests), not only the one running it.
 */

export interface NewBlocksOptions {
  /** Called after each block with how many are built so far and the new head. */
  onProgress?: (built: number, head: number) => void;
}

/**
 * Builds `count` blocks and returns the new head number. One `dev_newBlock` per block: an epoch
 * block can take seconds on a busy machine, and a single call for many blocks would outlive the
 * client's request timeout (the websocket provider's own limit, which no per-call limit raises).
 */
export async function newBlocks(
  client: ChainClient,
  count = 1,
  options: NewBlocksOptions = {},
): Promise<number> {
  let head = count === 0 ? await headNumber(client) : 0;
  for (let built = 1; built <= count; built++) {
    const hash = await client.rpc<string>('dev_newBlock', [{ count: 1 }]);
    const header = await client.request('chain_getHeader', (api) => api.rpc.chain.getHeader(hash));
    head = header.number.toNumber();
    options.onProgress?.(built, head);
  }
  return head;
}

/**
 * Writes storage directly, chopsticks shape: `{ Pallet: { Item: value | [[keys], value][] } }`.
 * chopsticks DELETES a key whose value is falsy (0, false, ''), so the default comes back; write
 * zeros and false as SCALE hex ('0x0000000000000000', '0x00') instead.
 */
export async function setStorage(client: ChainClient, storage: Record<string, unknown>): Promise<void> {
  await client.rpc('dev_setStorage', [storage]);
}

/** Moves the head back to block `number` (cheap revert between test cases). */
export async function setHead(client: ChainClient, number: number): Promise<void> {
  await client.rpc('dev_setHead', [number]);
}

export async function headNumber(client: ChainClient): Promise<number> {
  const header = await client.request('chain_getHeader', (api) => api.rpc.chain.getHeader());
  return header.number.toNumber();
}

/** Sets an account's free balance (rao), keeping its nonce and reference counts. */
export async function fundAccount(client: ChainClient, address: string, freeRao: bigint): Promise<void> {
  const current = await client.request('System.Account', (api) => api.query.system.account(address));
  const account = current.toJSON() as { nonce?: number; providers?: number; data?: Record<string, unknown> };
  const value = {
    ...account,
    providers: Math.max(1, Number(account.providers ?? 0)),
    data: { ...account.data, free: freeRao.toString() },
  };
  await setStorage(client, { System: { Account: [[[address], value]] } });
}
