import { sleepUntil } from '../sleepUntil.js';
import type { FaultKind, PlannedFault } from './faultSchedule.js';

/** What the soak lets the chaos do to its network. */
export interface ChaosControls {
  /** kill -9 the daemon's current process (pm2 restarts it); returns the pid killed. */
  kill9(daemon: string): Promise<number | undefined>;
  chainDown(): Promise<void>;
  chainUp(): Promise<void>;
  garbage(miner: string, on: boolean): void;
  diskFull(validator: string, on: boolean): Promise<void>;
  /** The chain's head, read directly (not through the proxy the daemons use). */
  head(): Promise<number>;
}

export interface FaultRecord extends PlannedFault {
  /** Seconds after the soak's start, as it happened. */
  startedS: number;
  endedS: number;
  startBlock: number;
  /** The chain's head when the fault was lifted (kill -9: when the kill was sent). */
  endBlock: number;
  note?: string;
}

/**
 * Plays the planned faults at their times (seconds after `run.t0`), one after the other, and lifts
 * each at its end. Stops early, lifting the current fault, when `run.signal` aborts.
 */
export async function runFaults(
  plan: readonly PlannedFault[],
  controls: ChaosControls,
  run: {
    /** Epoch ms of the soak's start. */
    t0: number;
    signal: AbortSignal;
    log: (line: string) => void;
    /** Called right before each fault (e.g. to look at the state folders). */
    beforeFault?: () => Promise<void>;
  },
): Promise<FaultRecord[]> {
  const { t0, signal, log } = run;
  const done: FaultRecord[] = [];
  const now = () => (Date.now() - t0) / 1000;
  for (const fault of plan) {
    if (!(await sleepUntil(t0 + fault.atS * 1000, signal))) break;
    await run.beforeFault?.();
    const startedS = now();
    const startBlock = await controls.head();
    const note = await begin(fault.kind, fault.target, controls);
    log(`chaos: ${describe(fault)} started at block ${startBlock}${note ? ` (${note})` : ''}`);
    if (fault.durationS > 0) await sleepUntil(Date.now() + fault.durationS * 1000, signal);
    await end(fault.kind, fault.target, controls);
    const endBlock = await controls.head();
    done.push({ ...fault, startedS, endedS: now(), startBlock, endBlock, ...(note ? { note } : {}) });
    if (fault.durationS > 0) log(`chaos: ${describe(fault)} lifted at block ${endBlock}`);
  }
  return done;
}

export function describe(fault: Pick<PlannedFault, 'kind' | 'target' | 'durationS'>): string {
  switch (fault.kind) {
    case 'kill':
      return `kill -9 ${fault.target}`;
    case 'chainOutage':
      return `chain unreachable for ${fault.durationS} s`;
    case 'garbageMiner':
      return `${fault.target} answers garbage for ${fault.durationS} s`;
    case 'diskFull':
      return `${fault.target}'s state writes fail with ENOSPC for ${fault.durationS} s`;
  }
}

async function begin(
  kind: FaultKind,
  target: string | undefined,
  c: ChaosControls,
): Promise<string | undefined> {
  switch (kind) {
    case 'kill': {
      const pid = await c.kill9(target!);
      return pid === undefined ? 'no running process to kill' : `pid ${pid}`;
    }
    case 'chainOutage':
      await c.chainDown();
      return undefined;
    case 'garbageMiner':
      c.garbage(target!, true);
      return undefined;
    case 'diskFull':
      await c.diskFull(target!, true);
      return undefined;
  }
}

async function end(kind: FaultKind, target: string | undefined, c: ChaosControls): Promise<void> {
  if (kind === 'chainOutage') await c.chainUp();
  if (kind === 'garbageMiner') c.garbage(target!, false);
  if (kind === 'diskFull') await c.diskFull(target!, false);
}
