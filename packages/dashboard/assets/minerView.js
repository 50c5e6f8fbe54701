import { api } from './api.js';
import { lineChart } from './charts.js';
import { card, clear, el, fmtAgo, fmtMs, fmtNumber, fmtValue } from './dom.js';
import { sortableTable } from './table.js';

const RANGES = ['1h', '6h', '24h', '7d'];

/** The miner's page: requests by validator hotkey, latency, refusals and the subnet's own figures. */
export async function renderMiner(main, overview) {
  const state = { overview, range: '1h', requests: null, figures: null };
  const cards = el('section', { class: 'cards', 'aria-label': 'miner' });
  const c = {
    subnet: card(cards, 'Subnet', 'subnet'),
    uid: card(cards, 'Own uid', 'uid'),
    hotkey: card(cards, 'Hotkey', 'hotkey'),
    stake: card(cards, 'Stake (TAO)', 'stake'),
    block: card(cards, 'Block', 'block'),
    requests: card(cards, 'Requests', 'requests'),
    refused: card(cards, 'Blacklisted / failed', 'refused'),
    latency: card(cards, 'Latency p50 / p90 / p99', 'latency'),
  };
  const rangeBar = el('nav', { class: 'ranges', 'aria-label': 'time range' });
  const rangeButtons = RANGES.map((r) => {
    const b = el('button', { type: 'button', 'data-range': r, text: r, onclick: () => setRange(r) });
    rangeBar.append(b);
    return b;
  });
  const requestsBox = el('div', { class: 'chart-box' });
  const latencyBox = el('div', { class: 'chart-box' });
  const tableBox = el('section', { class: 'table-box' });
  const figuresList = el('dl', { class: 'figures', 'data-figures': '' });
  const figuresBox = el('div', { class: 'chart-box' });
  main.append(
    cards,
    rangeBar,
    el('section', { class: 'charts' }, requestsBox, latencyBox),
    el('h2', { text: 'Requests by validator hotkey' }),
    tableBox,
    el('h2', { text: "Subnet's figures" }),
    el('section', { class: 'charts' }, figuresList, figuresBox),
  );

  const table = sortableTable({
    id: 'callers',
    rowKey: (r) => r.hotkey,
    initialSort: { key: 'requests', dir: -1 },
    columns: [
      {
        key: 'hotkey',
        label: 'validator hotkey',
        type: 'str',
        value: (r) => r.hotkey,
        cellClass: 'hotkey',
        title: (v) => v,
      },
      { key: 'synapses', label: 'synapses', type: 'str', value: (r) => r.synapses.join(', ') },
      {
        key: 'requests',
        label: 'requests',
        type: 'num',
        value: (r) => r.requests,
        format: (v) => fmtNumber(v),
      },
      { key: 'ok', label: 'ok', type: 'num', value: (r) => r.ok, format: (v) => fmtNumber(v) },
      {
        key: 'blacklisted',
        label: 'blacklisted',
        type: 'num',
        value: (r) => r.blacklisted,
        format: (v) => fmtNumber(v),
      },
      { key: 'failed', label: 'failed', type: 'num', value: (r) => r.failed, format: (v) => fmtNumber(v) },
      { key: 'p50', label: 'p50', type: 'num', value: (r) => r.p50, format: (v) => fmtMs(v) },
      { key: 'p90', label: 'p90', type: 'num', value: (r) => r.p90, format: (v) => fmtMs(v) },
      { key: 'p99', label: 'p99', type: 'num', value: (r) => r.p99, format: (v) => fmtMs(v) },
      { key: 'lastAt', label: 'last request', type: 'num', value: (r) => r.lastAt, format: (v) => fmtAgo(v) },
    ],
  });
  tableBox.append(table.element);

  let requestsChart;
  let latencyChart;
  let figuresChart;
  let figureKeys = '';

  const renderCards = () => {
    const o = state.overview;
    c.subnet.textContent = `${o.subnet || '?'} · netuid ${o.netuid ?? '?'}`;
    c.uid.textContent = o.uid ?? '—';
    c.hotkey.textContent = o.hotkey ?? '—';
    c.hotkey.title = o.hotkey ?? '';
    c.stake.textContent = fmtNumber(o.stake);
    c.block.textContent = fmtNumber(o.block);
    const t = state.requests?.totals;
    if (t) {
      c.requests.textContent = `${fmtNumber(t.requests)} in ${state.range} (${fmtNumber(t.ok)} ok)`;
      c.refused.textContent = `${fmtNumber(t.blacklisted)} / ${fmtNumber(t.failed)}`;
      c.latency.textContent = `${fmtMs(t.p50)} / ${fmtMs(t.p90)} / ${fmtMs(t.p99)}`;
    }
  };

  const renderRequests = () => {
    const r = state.requests;
    const xs = r.series.t.map((t) => t / 1000);
    const per =
      r.series.bucketMs >= 3_600_000
        ? 'hour'
        : r.series.bucketMs > 60_000
          ? `${r.series.bucketMs / 60_000} min`
          : 'minute';
    requestsChart?.destroy();
    latencyChart?.destroy();
    requestsChart = lineChart(requestsBox, {
      title: `Requests per ${per}`,
      series: ['ok', 'blacklisted', 'failed'],
      data: [xs, r.series.ok, r.series.blacklisted, r.series.failed],
      yLabel: 'requests',
    });
    latencyChart = lineChart(latencyBox, {
      title: 'Latency of answered requests (ms)',
      series: ['p50', 'p90', 'p99'],
      data: [xs, r.series.p50, r.series.p90, r.series.p99],
      yLabel: 'ms',
    });
    table.update(r.callers);
    renderCards();
  };

  const renderFigures = () => {
    const f = state.figures;
    clear(figuresList);
    if (f.latest.length === 0) figuresList.append(el('dd', { text: 'none reported' }));
    for (const { key, value, at } of f.latest) {
      figuresList.append(
        el('dt', { text: key, title: `updated ${fmtAgo(at)}` }),
        el('dd', { text: fmtValue(value) }),
      );
    }
    const keys = f.series.map((s) => s.key).join('\u0000');
    if (f.series.length === 0) {
      figuresChart?.destroy();
      figuresChart = undefined;
      clear(figuresBox);
      return;
    }
    const xsSet = new Set();
    for (const s of f.series) for (const t of s.t) xsSet.add(t);
    const xs = [...xsSet].sort((a, b) => a - b);
    const data = [
      xs.map((t) => t / 1000),
      ...f.series.map((s) => {
        const byT = new Map(s.t.map((t, i) => [t, s.v[i]]));
        return xs.map((t) => byT.get(t) ?? null);
      }),
    ];
    if (figuresChart && keys === figureKeys) {
      figuresChart.setData(data);
    } else {
      figuresChart?.destroy();
      figureKeys = keys;
      figuresChart = lineChart(figuresBox, {
        title: 'Figures over time',
        series: f.series.map((s) => s.key),
        data,
      });
    }
  };

  const loadRequests = async () => {
    state.requests = await api('requests', { range: state.range });
    renderRequests();
  };
  const loadFigures = async () => {
    state.figures = await api('figures', { range: state.range === '1h' ? '6h' : state.range });
    renderFigures();
  };
  const setRange = (r) => {
    state.range = r;
    for (const b of rangeButtons) b.setAttribute('aria-pressed', String(b.dataset.range === r));
    loadRequests().catch(() => {});
    loadFigures().catch(() => {});
  };

  // Refetch at most every 1.5 s while events keep coming, and once more after the last one.
  const throttled = (fn, ms) => {
    let timer;
    let again = false;
    return () => {
      if (timer) {
        again = true;
        return;
      }
      fn().catch(() => {});
      timer = setTimeout(function tick() {
        timer = undefined;
        if (again) {
          again = false;
          fn().catch(() => {});
          timer = setTimeout(tick, ms);
        }
      }, ms);
    };
  };
  const refreshRequests = throttled(loadRequests, 1500);
  const refreshFigures = throttled(loadFigures, 1500);

  for (const b of rangeButtons) b.setAttribute('aria-pressed', String(b.dataset.range === state.range));
  await Promise.all([loadRequests(), loadFigures()]);
  setInterval(renderCards, 5000);

  return {
    onEvent(name, data) {
      if (name === 'identity') {
        state.overview = { ...state.overview, ...data };
        renderCards();
      } else if (name === 'requests') {
        refreshRequests();
      } else if (name === 'figures') {
        refreshFigures();
      }
    },
  };
}
