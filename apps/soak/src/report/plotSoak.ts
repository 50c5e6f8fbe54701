import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import type { DaemonCurves, Point } from './curves.js';

export interface PlotInput {
  title: string;
  daemons: readonly { name: string; role: 'miner' | 'validator'; curves: DaemonCurves }[];
  /** The machine's own event-loop p99 per window (idle probe), drawn under the daemons'. */
  probeLoopP99Ms: Point[];
  /** Fault windows (minutes) to shade, with a short label. */
  faults: readonly { fromMin: number; toMin: number; label: string }[];
  /** Vertical line: the baseline minute of the RSS target. */
  baselineMin: number;
  minutes: number;
}

const PANELS: { key: keyof DaemonCurves; title: string }[] = [
  { key: 'rssMiB', title: 'RSS (MiB)' },
  { key: 'heapMiB', title: 'heap used (MiB)' },
  { key: 'openFds', title: 'open file descriptors' },
  { key: 'loopP99Ms', title: 'event-loop delay p99 per window (ms)' },
  { key: 'stepSeconds', title: 'validator step time (s, window mean)' },
  { key: 'perMinute', title: 'requests (miners) / steps (validators) per minute' },
];

const PALETTE = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
  '#393b79',
  '#637939',
  '#8c6d31',
  '#843c39',
  '#7b4173',
];

const WIDTH = 1800;
const HEIGHT = 1150;

/**
 * One PNG with a panel per curve (a line per daemon; validators solid, miners dashed), chaos
 * faults shaded, the RSS baseline minute marked. Drawn as SVG by ECharts' server-side renderer and
 * rasterised by resvg; text uses the system's fonts (DejaVu Sans where present).
 */
export function plotSoak(input: PlotInput): { svg: string; png: Buffer } {
  const cols = 3;
  const top = 110;
  const gapX = 70;
  const gapY = 90;
  const cellW = (WIDTH - 80 - gapX * (cols - 1) - 40) / cols;
  const cellH = (HEIGHT - top - 60 - gapY) / 2;
  const grid = PANELS.map((_, i) => ({
    left: 80 + (i % cols) * (cellW + gapX),
    top: top + Math.floor(i / cols) * (cellH + gapY),
    width: cellW,
    height: cellH,
  }));
  const series: object[] = [];
  PANELS.forEach((panel, gi) => {
    input.daemons.forEach((d, di) => {
      series.push({
        name: d.name,
        type: 'line',
        xAxisIndex: gi,
        yAxisIndex: gi,
        showSymbol: false,
        lineStyle: { width: 1.5, type: d.role === 'miner' ? 'dashed' : 'solid' },
        color: PALETTE[di % PALETTE.length],
        data: d.curves[panel.key],
        ...(di === 0 ? { markArea: faultAreas(input.faults), markLine: baseline(input.baselineMin) } : {}),
      });
    });
    if (panel.key === 'loopP99Ms') {
      series.push({
        name: 'machine (idle probe)',
        type: 'line',
        xAxisIndex: gi,
        yAxisIndex: gi,
        showSymbol: false,
        color: '#000000',
        lineStyle: { width: 1, type: 'dotted' },
        data: input.probeLoopP99Ms,
      });
    }
  });
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height: HEIGHT });
  try {
    chart.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      title: [
        { text: input.title, left: 'center', top: 8, textStyle: { fontSize: 18 } },
        ...PANELS.map((p, i) => ({
          text: p.title,
          left: grid[i]!.left,
          top: grid[i]!.top - 26,
          textStyle: { fontSize: 13, fontWeight: 'normal' },
        })),
      ],
      legend: { top: 40, left: 'center', width: WIDTH - 100, textStyle: { fontSize: 11 } },
      grid,
      xAxis: grid.map((_, i) => ({
        type: 'value',
        gridIndex: i,
        min: 0,
        max: input.minutes,
        name: 'min',
        nameGap: 6,
        axisLabel: { fontSize: 10 },
      })),
      yAxis: grid.map((_, i) => ({ type: 'value', gridIndex: i, scale: true, axisLabel: { fontSize: 10 } })),
      series,
    });
    const svg = chart.renderToSVGString();
    const png = new Resvg(svg, {
      background: '#ffffff',
      font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
    })
      .render()
      .asPng();
    return { svg, png };
  } finally {
    chart.dispose();
  }
}

function faultAreas(faults: PlotInput['faults']) {
  return {
    silent: true,
    itemStyle: { color: 'rgba(214, 39, 40, 0.10)' },
    label: { fontSize: 9, color: '#a00', position: 'insideTop' },
    data: faults.map((f) => [
      { xAxis: f.fromMin, name: f.label },
      // A kill -9 is an instant: drawn a few seconds wide so it shows.
      { xAxis: Math.max(f.toMin, f.fromMin + 0.08) },
    ]),
  };
}

function baseline(minute: number) {
  return {
    silent: true,
    symbol: 'none',
    lineStyle: { color: '#888', type: 'dashed', width: 1 },
    label: { formatter: 'baseline', fontSize: 9 },
    data: [{ xAxis: minute }],
  };
}
