import { clear, el } from './dom.js';

/**
 * A table sorted by clicking a header (again to reverse). Columns: { key, label, type: 'num'|'str',
 * value(row), format(value, row), cellClass? }. Rows are rebuilt on each update.
 */
export function sortableTable({ id, columns, rowKey, onRowClick, isSelected, initialSort }) {
  let cols = columns;
  let rows = [];
  let sort = initialSort ?? { key: cols[0].key, dir: 1 };
  const thead = el('thead');
  const tbody = el('tbody');
  const table = el('table', { class: 'grid', 'data-table': id }, thead, tbody);

  const renderHead = () => {
    clear(thead);
    const tr = el('tr');
    for (const c of cols) {
      const th = el('th', {
        'data-key': c.key,
        'aria-sort': sort.key === c.key ? (sort.dir > 0 ? 'ascending' : 'descending') : 'none',
        class: c.type === 'num' ? 'num' : undefined,
        title: `sort by ${c.label}`,
        onclick: () => {
          sort =
            sort.key === c.key
              ? { key: c.key, dir: -sort.dir }
              : { key: c.key, dir: c.type === 'num' ? -1 : 1 };
          renderHead();
          renderBody();
        },
      });
      th.textContent = c.label;
      tr.append(th);
    }
    thead.append(tr);
  };

  const compare = (col) => (a, b) => {
    const va = col.value(a);
    const vb = col.value(b);
    const na = va === null || va === undefined;
    const nb = vb === null || vb === undefined;
    if (na || nb) return na && nb ? 0 : na ? 1 : -1;
    if (typeof va === 'number' && typeof vb === 'number') return (va - vb) * sort.dir;
    return String(va).localeCompare(String(vb)) * sort.dir;
  };

  const renderBody = () => {
    const col = cols.find((c) => c.key === sort.key) ?? cols[0];
    const sorted = [...rows].sort(compare(col));
    clear(tbody);
    for (const row of sorted) {
      const key = rowKey(row);
      const tr = el('tr', {
        'data-row': key,
        class: isSelected?.(row) ? 'selected' : undefined,
        onclick: onRowClick ? () => onRowClick(row) : undefined,
      });
      for (const c of cols) {
        const v = c.value(row);
        const text = c.format ? c.format(v, row) : v === null || v === undefined ? '—' : String(v);
        const td = el('td', {
          'data-key': c.key,
          class: [c.type === 'num' ? 'num' : '', c.cellClass ?? ''].join(' ').trim() || undefined,
        });
        td.textContent = text;
        if (c.title) td.title = c.title(v, row);
        tr.append(td);
      }
      tbody.append(tr);
    }
  };

  renderHead();
  return {
    element: table,
    update(nextRows) {
      rows = nextRows;
      renderBody();
    },
    setColumns(next) {
      cols = next;
      if (!cols.some((c) => c.key === sort.key)) sort = { key: cols[0].key, dir: 1 };
      renderHead();
      renderBody();
    },
  };
}
