import { api } from './api.js';
import { alignSeries, lineChart } from './charts.js';
import { card, el, fmtAgo, fmtMs, fmtNumber, fmtValue } from './dom.js';
import { sortableTable } from './table.js';

const MAX_SELECTED = 12;
const HISTORY_POINTS = 240;

/** The validator's page: who it is, its miners' scores (table + history) and the weights it set. */
export async function renderValidator(main, overview) {
  const [minersRes, history, weightsRes] = await Promise.all([
    api('miners'),
    api('history', { range: '24h', points: HISTORY_POINTS }),
    api('weights', { range: '7d', limit: 200 }),
  ]);
  const state = {
    overview,
    rows: new Map(minersRes.miners.map((m) => [m.uid, m])),
    componentKeys: minersRes.componentKeys,
    history: new Map(
      history.miners.map((h) => {
        const t = [];
        const score = [];
        h.score.forEach((s, i) => {
          if (s !== null) {
            t.push(history.t[i]);
            score.push(s);
          }
        });
        return [h.uid, { t, score }];
      }),
    ),
    weights: weightsRes.sets,
    selected: new Set(),
  };
  // Default selection: the best-scored miners.
  for (const m of [...state.rows.values()].sort((a, b) => b.score - a.score).slice(0, 6))
    state.selected.add(m.uid);

  const cards = el('section', { class: 'cards', 'aria-label': 'validator' });
  const c = {
    subnet: card(cards, 'Subnet', 'subnet'),
    uid: card(cards, 'Own uid', 'uid'),
    hotkey: card(cards, 'Hotkey', 'hotkey'),
    stake: card(cards, 'Stake (TAO)', 'stake'),
    block: card(cards, 'Block', 'block'),
    steps: card(cards, 'Steps', 'steps'),
    weights: card(cards, 'Last weights set', 'weights'),
    miners: card(cards, 'Miners scored', 'miners'),
  };
  const scoreBox = el('div', { class: 'chart-box' });
  const weightsBox = el('div', { class: 'chart-box' });
  const hint = el('p', {
    class: 'hint',
    text: 'Charts show the selected rows; click a row to add or remove it.',
  });
  const tableBox = el('section', { class: 'table-box' });
  main.append(
    cards,
    el('section', { class: 'charts' }, scoreBox, weightsBox),
    hint,
    el('h2', { text: 'Miners' }),
    tableBox,
  );

  const renderCards = () => {
    const o = state.overview;
    c.subnet.textContent = `${o.subnet || '?'} · netuid ${o.netuid ?? '?'}`;
    c.uid.textContent = o.uid ?? '—';
    c.hotkey.textContent = o.hotkey ?? '—';
    c.hotkey.title = o.hotkey ?? '';
    c.stake.textContent = fmtNumber(o.stake);
    c.block.textContent = fmtNumber(o.block);
    const v = o.validator ?? {};
    const last = v.lastStep;
    c.steps.textContent = last
      ? `${fmtNumber(v.steps)} · last ${fmtAgo(last.at)} (${fmtMs(last.durationMs)})`
      : fmtNumber(v.steps ?? 0);
    const w = state.weights[state.weights.length - 1];
    c.weights.textContent = w
      ? `block ${w.block} · ${w.mode} · ${w.uids.length} uids · ${fmtAgo(w.at)}`
      : 'none yet';
    c.miners.textContent = String(state.rows.size);
  };

  // A component column sorts as numbers unless its values are text.
  const componentType = (k) => {
    for (const r of state.rows.values()) {
      const v = r.components?.[k];
      if (Object.hasOwn(r.components ?? {}, k) && v !== null) return typeof v === 'string' ? 'str' : 'num';
    }
    return 'num';
  };
  const columns = () => [
    { key: 'uid', label: 'uid', type: 'num', value: (r) => r.uid },
    {
      key: 'hotkey',
      label: 'hotkey',
      type: 'str',
      value: (r) => r.hotkey,
      cellClass: 'hotkey',
      title: (v) => v ?? '',
    },
    { key: 'score', label: 'moving score', type: 'num', value: (r) => r.score, format: (v) => fmtNumber(v) },
    { key: 'reward', label: 'last reward', type: 'num', value: (r) => r.reward, format: (v) => fmtNumber(v) },
    ...state.componentKeys.map((k) => ({
      key: `c:${k}`,
      label: k,
      type: componentType(k),
      value: (r) => (Object.hasOwn(r.components ?? {}, k) ? r.components[k] : null),
      format: (v) => fmtValue(v),
    })),
    { key: 'samples', label: 'scored', type: 'num', value: (r) => r.samples },
    { key: 'at', label: 'last scored', type: 'num', value: (r) => r.at, format: (v) => fmtAgo(v) },
  ];
  const table = sortableTable({
    id: 'miners',
    columns: columns(),
    rowKey: (r) => r.uid,
    initialSort: { key: 'score', dir: -1 },
    isSelected: (r) => state.selected.has(r.uid),
    onRowClick: (r) => {
      if (state.selected.has(r.uid)) state.selected.delete(r.uid);
      else if (state.selected.size < MAX_SELECTED) state.selected.add(r.uid);
      table.update([...state.rows.values()]);
      rebuildCharts();
    },
  });
  tableBox.append(table.element);

  let scoreChart;
  let weightsChart;
  const selectedUids = () => [...state.selected].sort((a, b) => a - b);
  const scoreData = () =>
    alignSeries(
      selectedUids().map((uid) => {
        const h = state.history.get(uid) ?? { t: [], score: [] };
        return [h.t.map((t) => t / 1000), h.score];
      }),
    );
  const weightsData = () => {
    const uids = selectedUids();
    const xs = state.weights.map((w) => w.block);
    const ys = uids.map((uid) =>
      state.weights.map((w) => {
        const total = w.weights.reduce((a, b) => a + b, 0) || 1;
        const i = w.uids.indexOf(uid);
        return i < 0 ? 0 : w.weights[i] / total;
      }),
    );
    return [xs, ...ys];
  };
  const rebuildCharts = () => {
    scoreChart?.destroy();
    weightsChart?.destroy();
    const labels = selectedUids().map((uid) => `uid ${uid}`);
    scoreChart = lineChart(scoreBox, {
      title: 'Moving score',
      series: labels,
      data: scoreData(),
      yLabel: 'score',
    });
    weightsChart = lineChart(weightsBox, {
      title: 'Weights set per tempo (share)',
      series: labels,
      data: weightsData(),
      time: false,
      yLabel: 'weight',
    });
  };

  let redrawPending = false;
  let rebuild = false;
  const scheduleRedraw = () => {
    if (redrawPending) return;
    redrawPending = true;
    setTimeout(() => {
      redrawPending = false;
      table.update([...state.rows.values()]);
      renderCards();
      if (rebuild) {
        rebuild = false;
        rebuildCharts();
      } else {
        scoreChart.setData(scoreData());
        weightsChart.setData(weightsData());
      }
    }, 250);
  };

  renderCards();
  table.update([...state.rows.values()]);
  rebuildCharts();
  setInterval(renderCards, 5000);

  return {
    onEvent(name, data) {
      if (name === 'identity') {
        state.overview = { ...state.overview, ...data };
      } else if (name === 'step') {
        state.overview.validator ??= { steps: 0 };
        const v = state.overview.validator;
        v.steps = (v.steps ?? 0) + 1;
        v.lastStep = { step: data.step, at: data.at, durationMs: data.durationMs };
        let newKeys = false;
        for (const m of data.miners) {
          const prev = state.rows.get(m.uid);
          const row = {
            ...(prev ?? { samples: 0 }),
            uid: m.uid,
            hotkey: m.hotkey ?? prev?.hotkey ?? null,
            score: m.score,
            step: data.step,
            at: data.at,
          };
          if (m.reward !== null) {
            row.reward = m.reward;
            row.components = m.components;
            row.samples = (prev?.samples ?? 0) + 1;
            for (const k of Object.keys(m.components)) {
              if (!state.componentKeys.includes(k) && state.componentKeys.length < 24) {
                state.componentKeys.push(k);
                newKeys = true;
              }
            }
          }
          state.rows.set(m.uid, row);
          const h = state.history.get(m.uid) ?? { t: [], score: [] };
          h.t.push(data.at);
          h.score.push(m.score);
          if (h.t.length > 2000) {
            h.t.splice(0, h.t.length - 2000);
            h.score.splice(0, h.score.length - 2000);
          }
          state.history.set(m.uid, h);
        }
        if (state.selected.size === 0) {
          for (const m of data.miners.slice(0, 6)) state.selected.add(m.uid);
          rebuild = true;
        }
        if (newKeys) table.setColumns(columns());
        scheduleRedraw();
      } else if (name === 'weights') {
        state.weights.push(data);
        if (state.weights.length > 500) state.weights.shift();
        scheduleRedraw();
      }
    },
  };
}
