import { clear, el } from './dom.js';
import uPlot from './vendor/uPlot.esm.js';

export const PALETTE = [
  '#2f7ed8',
  '#e4572e',
  '#17a398',
  '#f3a712',
  '#8e44ad',
  '#c0392b',
  '#2c3e50',
  '#7f8c8d',
  '#27ae60',
  '#d35400',
  '#1abc9c',
  '#9b59b6',
];

/**
 * A uPlot line chart in `container`, sized to it. `series` are labels (plain text: uPlot writes them
 * with textContent). `data` is uPlot's aligned form: [xs, ys1, ys2, …]. `time: false` for a block axis.
 */
export function lineChart(container, { title, series, data, time = true, height = 240, yLabel }) {
  clear(container);
  const holder = el('div', { class: 'chart', 'data-chart': title });
  container.append(holder);
  const width = () => Math.max(280, container.clientWidth - 8);
  const opts = {
    title,
    width: width(),
    height,
    scales: { x: { time } },
    // Block numbers are long: fewer ticks, no thousands separators.
    axes: [
      time ? {} : { space: 100, values: (_u, vals) => vals.map((v) => String(v)) },
      { label: yLabel, size: 60 },
    ],
    series: [
      { label: time ? 'time' : 'block' },
      ...series.map((label, i) => ({
        label,
        stroke: PALETTE[i % PALETTE.length],
        width: 1.5,
        spanGaps: true,
        points: { size: 4 },
      })),
    ],
    legend: { live: false },
  };
  const plot = new uPlot(opts, data, holder);
  const observer = new ResizeObserver(() => plot.setSize({ width: width(), height }));
  observer.observe(container);
  return {
    setData(next) {
      plot.setData(next);
    },
    destroy() {
      observer.disconnect();
      plot.destroy();
    },
  };
}

/** Joins per-series [xs, ys] pairs (each with its own xs) into uPlot's aligned table. */
export function alignSeries(pairs) {
  if (pairs.length === 0) return [[]];
  return uPlot.join(pairs.map(([xs, ys]) => [xs, ys]));
}
