import type { ChainClient } from '@taonode/chain';
import { z } from 'zod';

const events = z.array(z.object({ section: z.string(), method: z.string(), data: z.array(z.string()) }));

/** The part of a decoded `System.Events` record read here. */
interface EventRecordLike {
  event: { section: string; method: string; data: readonly { toString(): string }[] };
}

/**
 * Every `WeightsSet(netuid, uid)` event on the local chain from `fromBlock` on, read block by block
 * as the soak goes (what actually landed, including a resend whose reply a validator never saw).
 */
export class WeightsSetLog {
  private next: number;
  private readonly landed = new Map<string, number[]>();

  constructor(
    private readonly client: ChainClient,
    fromBlock: number,
  ) {
    this.next = Math.max(1, fromBlock);
  }

  /** Blocks scanned so far: up to (excluding) this one. */
  get scannedTo(): number {
    return this.next;
  }

  /** Reads the events of every block not yet read, up to the chain's head. */
  async scan(): Promise<void> {
    const head = await headBlock(this.client);
    for (; this.next <= head; this.next++) {
      const n = this.next;
      const records = await this.client.request(`events of block ${n}`, async (api) => {
        const hash = await api.rpc.chain.getBlockHash(n);
        const records = (await (await api.at(hash)).query.system!.events!()) as unknown as EventRecordLike[];
        return records.map(({ event }) => ({
          section: event.section,
          method: event.method,
          data: event.data.map((d) => d.toString()),
        }));
      });
      for (const event of events.parse(records)) {
        if (event.section !== 'subtensorModule' || event.method !== 'WeightsSet') continue;
        const key = `${Number(event.data[0])}/${Number(event.data[1])}`;
        this.landed.set(key, [...(this.landed.get(key) ?? []), n]);
      }
    }
  }

  /** Blocks where the chain recorded `WeightsSet` for this neuron, in order. */
  landingsOf(netuid: number, uid: number): number[] {
    return this.landed.get(`${netuid}/${uid}`) ?? [];
  }
}

export async function headBlock(client: ChainClient): Promise<number> {
  return client.request('head', async (api) => (await api.rpc.chain.getHeader()).number.toNumber());
}
