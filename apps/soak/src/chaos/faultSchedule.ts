import { pick, seededRandom } from './seededRandom.js';

export const FAULT_KINDS = ['kill', 'chainOutage', 'garbageMiner', 'diskFull'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface PlannedFault {
  kind: FaultKind;
  /** Seconds after the soak's start. */
  atS: number;
  /** How long the fault lasts (0 for kill -9: pm2's restart is the recovery). */
  durationS: number;
  /** The daemon it hits; none for a chain outage. */
  target?: string;
}

export interface ChaosWindow {
  /** First fault no earlier than this (s): the network settles first. */
  warmupS: number;
  /** No fault in the last `tailS` seconds: time for recovery and the final checks. */
  tailS: number;
}

/** Warm-up and quiet tail for a run of `durationS`: a tenth each, within sensible bounds. */
export function chaosWindow(durationS: number): ChaosWindow {
  return {
    warmupS: clamp(Math.round(durationS * 0.1), 60, 300),
    tailS: clamp(Math.round(durationS * 0.1), 150, 300),
  };
}

const GARBAGE_S = 60;
const DISK_FULL_S = 60;
const OUTAGE_MIN_S = 20;
const OUTAGE_MAX_S = 60;

/**
 * The faults of one chaos run, in order, never overlapping: rounds of the four kinds, each round
 * shuffled, with a random pause after each fault. Pauses shrink on short runs so that one round
 * fits when it can; what does not fit before the quiet tail is left out (the caller warns).
 */
export function planFaults(args: {
  seed: string;
  durationS: number;
  window: ChaosWindow;
  daemons: readonly { name: string; role: 'miner' | 'validator' }[];
}): PlannedFault[] {
  const random = seededRandom(args.seed);
  const between = (lo: number, hi: number) => Math.round(lo + random() * (hi - lo));
  const end = args.durationS - args.window.tailS;
  const span = end - args.window.warmupS;
  // One round takes at most 60 + 60 + 60 s of faults; spread four pauses over what is left.
  const maxPause = clamp(Math.floor((span - (GARBAGE_S + DISK_FULL_S + OUTAGE_MAX_S)) / 4), 10, 240);
  const minPause = Math.min(30, maxPause);
  const miners = args.daemons.filter((d) => d.role === 'miner').map((d) => d.name);
  const validators = args.daemons.filter((d) => d.role === 'validator').map((d) => d.name);
  const everyone = args.daemons.map((d) => d.name);
  const faults: PlannedFault[] = [];
  let t = args.window.warmupS;
  for (;;) {
    const round = shuffle(random, [...FAULT_KINDS]);
    for (const kind of round) {
      const fault = makeFault(kind, t);
      if (fault === undefined) continue;
      if (fault.atS + fault.durationS > end) return faults;
      faults.push(fault);
      t = fault.atS + fault.durationS + between(minPause, maxPause);
    }
  }

  function makeFault(kind: FaultKind, atS: number): PlannedFault | undefined {
    switch (kind) {
      case 'kill': {
        const target = pick(random, everyone);
        return target === undefined ? undefined : { kind, atS, durationS: 0, target };
      }
      case 'chainOutage':
        return { kind, atS, durationS: between(OUTAGE_MIN_S, OUTAGE_MAX_S) };
      case 'garbageMiner': {
        const target = pick(random, miners);
        return target === undefined ? undefined : { kind, atS, durationS: GARBAGE_S, target };
      }
      case 'diskFull': {
        const target = pick(random, validators);
        return target === undefined ? undefined : { kind, atS, durationS: DISK_FULL_S, target };
      }
    }
  }
}

/** Kinds of fault a schedule lacks, for a warning that the run is too short to try them all. */
export function missingKinds(faults: readonly PlannedFault[]): FaultKind[] {
  return FAULT_KINDS.filter((k) => !faults.some((f) => f.kind === k));
}

function shuffle<T>(random: () => number, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}
