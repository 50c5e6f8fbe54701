import { randomUUID } from 'node:crypto';

export interface Lane {
  readonly uuid: string;
  busy: boolean;
}

/**
 * Python axons require nonces to increase strictly per `hotkey:uuid` (§1.7). One dendrite uuid
 * with concurrent requests to the same axon fails whenever a later nonce arrives first (§4.2 item
 * 2). Here each in-flight request to an axon holds its own lane (uuid): a lane carries one request
 * at a time, so its nonces reach the axon in order. Lanes are reused, so their number per axon
 * stays at the peak concurrency to that axon.
 */
export class NonceLanes {
  readonly #targets = new Map<string, Lane[]>();

  constructor(
    private readonly firstUuid: string,
    private readonly maxTargets = 16_384,
  ) {}

  acquire(target: string): Lane {
    let lanes = this.#targets.get(target);
    if (lanes === undefined) {
      if (this.#targets.size >= this.maxTargets) this.#sweep();
      lanes = [];
      this.#targets.set(target, lanes);
    }
    let lane = lanes.find((l) => !l.busy);
    if (lane === undefined) {
      lane = { uuid: lanes.length === 0 ? this.firstUuid : randomUUID(), busy: false };
      lanes.push(lane);
    }
    lane.busy = true;
    return lane;
  }

  release(lane: Lane): void {
    lane.busy = false;
  }

  /** Lanes held for all targets (bounded: idle targets are dropped when the map is full). */
  get laneCount(): number {
    let n = 0;
    for (const l of this.#targets.values()) n += l.length;
    return n;
  }

  #sweep(): void {
    for (const [k, lanes] of this.#targets) if (lanes.every((l) => !l.busy)) this.#targets.delete(k);
  }
}
