import type { CheckResult } from '../chaos/chaosChecks.js';
import { type DaemonAnalysis, TARGETS } from './analyseDaemon.js';

const fmt = (v: number | undefined, digits = 1) => (v === undefined ? '-' : v.toFixed(digits));
const pct = (v: number | undefined) =>
  v === undefined ? '-' : `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)}%`;

/** The per-daemon table: figures, then a verdict per target. */
export function formatDaemonTable(rows: readonly DaemonAnalysis[], baselineMin: number): string {
  const header = [
    'daemon',
    'restarts',
    `RSS min ${fmtMin(baselineMin)} → end (MiB)`,
    'growth',
    'FDs',
    'FD fit rise / limit',
    'loop p99 typ / worst (ms)',
    'step (s)',
    'served',
    'RSS',
    'FD',
    'loop',
  ];
  const body = rows.map((r) => [
    r.name,
    String(r.restarts),
    `${fmt(r.rss.baselineMiB)} → ${fmt(r.rss.endMiB)}`,
    pct(r.rss.growth),
    fmt(r.fds.median, 0),
    `${r.fds.rise === undefined ? '-' : `${r.fds.rise >= 0 ? '+' : ''}${r.fds.rise.toFixed(1)}`} / ${fmt(r.fds.limit, 1)}`,
    `${fmt(r.loop.typicalMs)} / ${fmt(r.loop.worstMs)}`,
    r.stepSeconds === undefined ? '-' : r.stepSeconds.toFixed(2),
    r.role === 'miner' ? `${r.requests} req` : `${r.steps} steps`,
    r.rss.verdict,
    r.fds.verdict,
    r.loop.verdict,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const notes = rows.flatMap((r) =>
    [r.rss, r.fds, r.loop].flatMap((t) => (t.note ? [`  ${r.name}: ${t.note}`] : [])),
  );
  return [
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...body.map(line),
    ...(notes.length > 0 ? ['', 'n/a:', ...notes] : []),
  ].join('\n');
}

/** The targets in words, printed under the table. */
export function formatTargets(baselineMin: number): string {
  return [
    `targets: RSS growth from minute ${fmtMin(baselineMin)} to the end < ${TARGETS.rssGrowthMax * 100} %;`,
    `  FD: the least-squares line through the open-FD samples after minute ${fmtMin(baselineMin)} rises by at most`,
    `  max(${TARGETS.fdRiseMinFds}, ${TARGETS.fdRiseFraction * 100} % of the median) FDs over the run (no upward trend);`,
    `  loop: the median over 30 s windows of the event-loop delay p99 (above the ${TARGETS.loopResolutionMs} ms sampling`,
    `  resolution) < ${TARGETS.loopP99MaxMs} ms; the worst window shows model work and start-up.`,
  ].join('\n');
}

export function formatChecks(checks: readonly CheckResult[]): string {
  return checks
    .map((c) => [`${c.ok ? 'PASS' : 'FAIL'}  ${c.name}`, ...c.details.map((d) => `        ${d}`)].join('\n'))
    .join('\n');
}

function fmtMin(m: number): string {
  return Number.isInteger(m) ? String(m) : m.toFixed(1);
}
