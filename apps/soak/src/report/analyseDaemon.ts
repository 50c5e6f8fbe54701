import type { DaemonSample } from '../sample/daemonSample.js';

/** The soak's targets for every daemon (issue 19; docs/neuron.md, "Soak and chaos"). */
export const TARGETS = {
  /** RSS at the end may be at most 5 % above RSS at the baseline minute. */
  rssGrowthMax: 0.05,
  /** "Upward FD trend": the linear fit rises by more than max(3 FDs, 5 % of the median) over the span. */
  fdRiseMinFds: 3,
  fdRiseFraction: 0.05,
  /** Event-loop delay p99 in the typical 30 s window, above the sampling interval. */
  loopP99MaxMs: 50,
  /**
   * prom-client's monitorEventLoopDelay resolution (its default, 10 ms): every recorded delay
   * includes it, so an idle loop reads ~10 ms. Subtracted to get the lag itself.
   */
  loopResolutionMs: 10,
} as const;

export type Verdict = 'PASS' | 'FAIL' | 'n/a';

export interface DaemonAnalysis {
  name: string;
  role: 'miner' | 'validator';
  /** pm2 restarts during the soak. */
  restarts: number;
  samples: number;
  rss: { baselineMiB?: number; endMiB?: number; growth?: number; verdict: Verdict; note?: string };
  heap: { baselineMiB?: number; endMiB?: number };
  fds: {
    median?: number;
    slopePerHour?: number;
    rise?: number;
    limit?: number;
    verdict: Verdict;
    note?: string;
  };
  loop: { typicalMs?: number; worstMs?: number; verdict: Verdict; note?: string };
  /** Median over windows of the mean validator step time (s); miners have none. */
  stepSeconds?: number;
  /** Validator steps done during the soak (the daemon's counter, added across restarts). */
  steps: number;
  /** Miner requests served with a 2xx during the soak. */
  requests: number;
}

/**
 * One daemon's curves against the targets. `baselineS` is the minute the RSS growth starts from
 * (10 in a 60-minute run) and the start of the FD and event-loop windows; `endS` the soak's end.
 */
export function analyseDaemon(
  name: string,
  role: 'miner' | 'validator',
  samples: readonly DaemonSample[],
  window: { baselineS: number; endS: number },
): DaemonAnalysis {
  const up = samples.filter((s) => s.up);
  return {
    name,
    role,
    restarts: samples.length === 0 ? 0 : samples.at(-1)!.restarts - samples[0]!.restarts,
    samples: samples.length,
    rss: rssGrowth(samples, window),
    heap: {
      baselineMiB: mib(median(inRange(up, window.baselineS, window.baselineS + 60, (s) => s.heapUsedBytes))),
      endMiB: mib(median(inRange(up, window.endS - 60, window.endS, (s) => s.heapUsedBytes))),
    },
    fds: fdTrend(samples, window),
    loop: loopLag(samples, window),
    stepSeconds: median(windowed(samples, meanStep)),
    steps: counterIncrease(samples, (s) => s.stepCount),
    requests: servedIncrease(samples),
  };
}

function rssGrowth(samples: readonly DaemonSample[], w: { baselineS: number; endS: number }) {
  if (w.endS - 60 < w.baselineS + 60) {
    return { verdict: 'n/a' as const, note: 'too short: the baseline minute and the last minute overlap' };
  }
  const first = samples.filter((s) => s.t >= w.baselineS && s.t < w.baselineS + 60 && s.rssBytes);
  const last = samples.filter((s) => s.t >= w.endS - 60 && s.t <= w.endS && s.rssBytes);
  if (first.length === 0 || last.length === 0) {
    return { verdict: 'n/a' as const, note: 'no samples at the baseline minute or at the end' };
  }
  const baseline = median(first.map((s) => s.rssBytes!))!;
  const end = median(last.map((s) => s.rssBytes!))!;
  const growth = end / baseline - 1;
  const restarted = new Set([...first, ...last].map((s) => s.pid)).size > 1;
  return {
    baselineMiB: mib(baseline),
    endMiB: mib(end),
    growth,
    verdict: restarted
      ? ('n/a' as const)
      : growth < TARGETS.rssGrowthMax
        ? ('PASS' as const)
        : ('FAIL' as const),
    ...(restarted ? { note: 'restarted between the baseline and the end' } : {}),
  };
}

function fdTrend(samples: readonly DaemonSample[], w: { baselineS: number }) {
  // Only the last process: a restart starts the count afresh.
  const lastPid = samples.at(-1)?.pid;
  const points = samples.filter((s) => s.t >= w.baselineS && s.pid === lastPid && s.openFds !== undefined);
  if (points.length < 3) return { verdict: 'n/a' as const, note: 'fewer than 3 samples of one process' };
  const { slope } = linearFit(
    points.map((s) => s.t),
    points.map((s) => s.openFds!),
  );
  const span = points.at(-1)!.t - points[0]!.t;
  const med = median(points.map((s) => s.openFds!))!;
  const rise = slope * span;
  const limit = Math.max(TARGETS.fdRiseMinFds, TARGETS.fdRiseFraction * med);
  return {
    median: med,
    slopePerHour: slope * 3600,
    rise,
    limit,
    verdict: rise <= limit ? ('PASS' as const) : ('FAIL' as const),
  };
}

function loopLag(samples: readonly DaemonSample[], w: { baselineS: number }) {
  // A window that starts a process (the first scrape after a restart) holds its start-up: skipped.
  const lags: number[] = [];
  for (let i = 1; i < samples.length; i++) {
    const s = samples[i]!;
    if (s.t < w.baselineS || s.loopP99Ms === undefined || s.pid !== samples[i - 1]!.pid) continue;
    lags.push(Math.max(0, s.loopP99Ms - TARGETS.loopResolutionMs));
  }
  if (lags.length === 0) return { verdict: 'n/a' as const, note: 'no full window after the baseline' };
  const typical = median(lags)!;
  return {
    typicalMs: typical,
    worstMs: Math.max(...lags),
    verdict: typical < TARGETS.loopP99MaxMs ? ('PASS' as const) : ('FAIL' as const),
  };
}

/** Least-squares line through (xs, ys). */
export function linearFit(
  xs: readonly number[],
  ys: readonly number[],
): { slope: number; intercept: number } {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (xs[i]! - mx) ** 2;
    sxy += (xs[i]! - mx) * (ys[i]! - my);
  }
  const slope = sxx === 0 ? 0 : sxy / sxx;
  return { slope, intercept: my - slope * mx };
}

export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** How much a counter grew over the samples; a restart resets it, and the new process counts from 0. */
export function counterIncrease(
  samples: readonly DaemonSample[],
  value: (s: DaemonSample) => number | undefined,
): number {
  let total = 0;
  let prev: DaemonSample | undefined;
  for (const s of samples) {
    const v = value(s);
    if (v === undefined) continue;
    const p = prev === undefined ? undefined : value(prev);
    if (prev !== undefined && p !== undefined) total += prev.pid === s.pid && v >= p ? v - p : v;
    prev = s;
  }
  return total;
}

/**
 * Requests served over the soak: from the relay's count where there is one (it survives restarts),
 * else from the daemon's own counter (no series until its first request: 0 so far).
 */
function servedIncrease(samples: readonly DaemonSample[]): number {
  const relayed = samples.filter((s) => s.served !== undefined);
  if (relayed.length > 0) return relayed.at(-1)!.served! - relayed[0]!.served!;
  return counterIncrease(samples, (s) => (s.up ? (s.requests ?? 0) : undefined));
}

/** `fn(previous, current)` for each pair of consecutive samples of the same process. */
function windowed(
  samples: readonly DaemonSample[],
  fn: (a: DaemonSample, b: DaemonSample) => number | undefined,
): number[] {
  const out: number[] = [];
  for (let i = 1; i < samples.length; i++) {
    const a = samples[i - 1]!;
    const b = samples[i]!;
    if (a.pid !== b.pid) continue;
    const v = fn(a, b);
    if (v !== undefined && Number.isFinite(v)) out.push(v);
  }
  return out;
}

/** Mean step time in a window: Δ(seconds summed) / Δ(steps). */
function meanStep(a: DaemonSample, b: DaemonSample): number | undefined {
  if (a.stepSecondsSum === undefined || b.stepSecondsSum === undefined) return undefined;
  const steps = (b.stepCount ?? 0) - (a.stepCount ?? 0);
  return steps > 0 ? (b.stepSecondsSum - a.stepSecondsSum) / steps : undefined;
}

function inRange(
  samples: readonly DaemonSample[],
  from: number,
  to: number,
  value: (s: DaemonSample) => number | undefined,
): number[] {
  return samples
    .filter((s) => s.t >= from && s.t <= to)
    .map(value)
    .filter((v): v is number => v !== undefined);
}

function mib(bytes: number | undefined): number | undefined {
  return bytes === undefined ? undefined : bytes / 2 ** 20;
}
