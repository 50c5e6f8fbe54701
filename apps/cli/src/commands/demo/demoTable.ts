export interface DemoRow {
  subnet: string;
  netuid: number;
  uid: number;
  role: string;
  hotkey: string;
  score: number | null;
  weight: number | null;
}

/** Plain-text table; widths from the content, numbers right-aligned. */
export function formatDemoTable(rows: readonly DemoRow[]): string {
  const header = ['subnet', 'netuid', 'uid', 'role', 'hotkey', 'score', 'weight (chain)'];
  const cells = rows.map((r) => [
    r.subnet,
    String(r.netuid),
    String(r.uid),
    r.role,
    `${r.hotkey.slice(0, 8)}…`,
    r.score === null ? '-' : r.score.toFixed(4),
    r.weight === null ? '-' : r.weight.toFixed(4),
  ]);
  const numeric = [false, true, true, false, false, true, true];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) =>
    c.map((v, i) => (numeric[i] ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}
