import type { EventRecord } from '@polkadot/types/interfaces';
import type { ChainClient } from '../client/connect.js';
import { ChainDecodeError, ChainError, ChainInputError } from '../errors/chainError.js';

/** One `Balances.Transfer` event of a block: a transfer that really happened (failed calls emit none). */
export interface BlockTransfer {
  /**
   * `<block hash>#<event index>`: unique per transfer, also when one extrinsic (a batch) makes
   * several. What a ledger of counted payments keys on.
   */
  id: string;
  /** Position of the extrinsic in the block (the event's ApplyExtrinsic phase). */
  extrinsicIndex: number;
  eventIndex: number;
  /** `balances.transferKeepAlive`, `utility.batchAll`, … (the outer call). */
  call: string;
  /** Who signed the extrinsic (undefined for an unsigned one). */
  signer: string | undefined;
  from: string;
  to: string;
  /** rao */
  amount: bigint;
}

export interface BlockTransfers {
  hash: string;
  number: number;
  /** Block time in ms (the block's Timestamp.set), undefined when the block carries none. */
  timestamp: number | undefined;
  /** Whether the block is the one the node's best chain holds at that height (not a fork's). */
  canonical: boolean;
  transfers: BlockTransfer[];
}

const HASH = /^0x[0-9a-fA-F]{64}$/;

/** The block is not known to the node: never produced, from a fork it dropped, or pruned. */
export class BlockNotFoundError extends ChainError {
  constructor(block: string, endpoint: string) {
    super('BlockNotFound', `block ${block} is not known to the chain at ${endpoint}`, {
      hint: 'check the block hash; a lite node keeps only recent blocks, use an archive node for older ones',
      details: { block, endpoint },
    });
  }
}

/**
 * Every balance transfer in one block, read from the block's events (so transfers nested in a
 * batch or proxy count and failed calls do not), each tied to its extrinsic: the outer call and
 * its signer. The block is named by hash, or by number on the node's best chain. Throws
 * BlockNotFoundError when the node does not know the block.
 */
export async function getBlockTransfers(
  client: ChainClient,
  params: { blockHash: string } | { blockNumber: number },
): Promise<BlockTransfers> {
  const hash =
    'blockHash' in params ? params.blockHash.toLowerCase() : await hashAt(client, params.blockNumber);
  if (!HASH.test(hash)) {
    throw new ChainInputError(`block hash "${hash}" is not 0x followed by 64 hex digits`, {
      blockHash: hash,
    });
  }
  const header = await client.rpc<Record<string, unknown> | null>('chain_getHeader', [hash]);
  // Some nodes (chopsticks) answer an unknown hash with another block: trust only a header that
  // hashes to what was asked.
  const decoded = header === null ? undefined : client.api.createType('Header', header);
  if (decoded === undefined || decoded.hash.toHex() !== hash) {
    throw new BlockNotFoundError(hash, client.endpoint);
  }
  const number = decoded.number.toNumber();
  if ('blockNumber' in params && number !== params.blockNumber)
    throw new BlockNotFoundError(hash, client.endpoint);
  const [signed, events, canonicalHash] = await Promise.all([
    client.request('chain_getBlock', (api) => api.rpc.chain.getBlock(hash)),
    client.request('System.Events', async (api) => (await api.at(hash)).query.system.events()),
    client.rpc<string | null>('chain_getBlockHash', [number]),
  ]);
  const extrinsics = signed.block.extrinsics;

  let timestamp: number | undefined;
  for (const ex of extrinsics) {
    if (ex.method.section === 'timestamp' && ex.method.method === 'set') {
      timestamp = Number((ex.method.args[0] as unknown as { toBigInt(): bigint }).toBigInt());
    }
  }

  const transfers: BlockTransfer[] = [];
  (events as unknown as EventRecord[]).forEach((record, eventIndex) => {
    const { event, phase } = record;
    if (event.section !== 'balances' || event.method !== 'Transfer' || !phase.isApplyExtrinsic) return;
    const extrinsicIndex = phase.asApplyExtrinsic.toNumber();
    const ex = extrinsics[extrinsicIndex];
    if (ex === undefined || event.data.length < 3) {
      throw new ChainDecodeError(`block ${hash}: a Transfer event points at no extrinsic`, {
        blockHash: hash,
        eventIndex,
        extrinsicIndex,
      });
    }
    const [from, to, amount] = event.data;
    transfers.push({
      id: `${hash}#${eventIndex}`,
      extrinsicIndex,
      eventIndex,
      call: `${ex.method.section}.${ex.method.method}`,
      signer: ex.isSigned ? ex.signer.toString() : undefined,
      from: from!.toString(),
      to: to!.toString(),
      amount: BigInt(amount!.toString()),
    });
  });
  return { hash, number, timestamp, canonical: canonicalHash === hash, transfers };
}

async function hashAt(client: ChainClient, blockNumber: number): Promise<string> {
  if (!Number.isInteger(blockNumber) || blockNumber < 0) {
    throw new ChainInputError(`block number ${blockNumber} is not a non-negative integer`, { blockNumber });
  }
  const hash = await client.rpc<string | null>('chain_getBlockHash', [blockNumber]);
  if (hash === null) throw new BlockNotFoundError(`#${blockNumber}`, client.endpoint);
  return hash.toLowerCase();
}
