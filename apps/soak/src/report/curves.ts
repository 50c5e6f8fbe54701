import type { DaemonSample } from '../sample/daemonSample.js';
import { TARGETS } from './analyseDaemon.js';

/** [minutes since the soak's start, value] */
export type Point = [number, number];

export interface DaemonCurves {
  rssMiB: Point[];
  heapMiB: Point[];
  openFds: Point[];
  /** Event-loop delay p99 per window above the 10 ms resolution (ms). */
  loopP99Ms: Point[];
  /** Mean validator step time per window (s). */
  stepSeconds: Point[];
  /** Requests served (miners) or steps done (validators) per minute, per window. */
  perMinute: Point[];
}

/** The plotted curves of one daemon; window values need two samples of the same process. */
export function curvesOf(samples: readonly DaemonSample[], role: 'miner' | 'validator'): DaemonCurves {
  const at = (s: DaemonSample): number => s.t / 60;
  const series = (value: (s: DaemonSample) => number | undefined): Point[] =>
    samples.flatMap((s) => {
      const v = value(s);
      return v === undefined ? [] : [[at(s), v] as Point];
    });
  const windows = (value: (a: DaemonSample, b: DaemonSample) => number | undefined): Point[] =>
    samples.slice(1).flatMap((b, i) => {
      const a = samples[i]!;
      const v = a.pid === b.pid ? value(a, b) : undefined;
      return v === undefined || !Number.isFinite(v) ? [] : [[at(b), v] as Point];
    });
  return {
    rssMiB: series((s) => (s.rssBytes === undefined ? undefined : s.rssBytes / 2 ** 20)),
    heapMiB: series((s) => (s.heapUsedBytes === undefined ? undefined : s.heapUsedBytes / 2 ** 20)),
    openFds: series((s) => s.openFds),
    loopP99Ms: windows((_a, b) =>
      b.loopP99Ms === undefined ? undefined : Math.max(0, b.loopP99Ms - TARGETS.loopResolutionMs),
    ),
    stepSeconds: windows((a, b) => {
      const steps = (b.stepCount ?? 0) - (a.stepCount ?? 0);
      if (steps <= 0 || a.stepSecondsSum === undefined || b.stepSecondsSum === undefined) return undefined;
      return (b.stepSecondsSum - a.stepSecondsSum) / steps;
    }),
    perMinute: samples.slice(1).flatMap((b, i) => {
      const a = samples[i]!;
      // The relay's count runs on across restarts; the daemon's own step counter does not.
      const count = (s: DaemonSample) => (role === 'miner' ? s.served : s.up ? s.stepCount : undefined);
      const ca = count(a);
      const cb = count(b);
      if (ca === undefined || cb === undefined || b.t <= a.t) return [];
      if (role === 'validator' && (a.pid !== b.pid || cb < ca)) return [];
      return [[at(b), ((cb - ca) / (b.t - a.t)) * 60] as Point];
    }),
  };
}
