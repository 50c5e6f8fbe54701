// Every string from the daemon (hotkeys, synapse names, component keys, figures) reaches the page
// through textContent or a DOM property, never as markup: nothing here parses HTML.

/** Builds an element; `text` becomes textContent, `data-*` and a few safe props are set through the DOM. */
export function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null) continue;
    if (k === 'text') e.textContent = String(v);
    else if (k === 'class') e.className = v;
    else if (k === 'title') e.title = String(v);
    else if (k === 'onclick') e.addEventListener('click', v);
    else if (k.startsWith('data-') || k.startsWith('aria-') || k === 'role' || k === 'type') {
      e.setAttribute(k, String(v));
    }
  }
  for (const c of children) if (c !== undefined && c !== null) e.append(c);
  return e;
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
}

export function showError(message) {
  const p = document.getElementById('error');
  p.textContent = message;
  p.hidden = !message;
}

export function fmtNumber(x, digits = 4) {
  if (x === null || x === undefined || Number.isNaN(x)) return '—';
  if (typeof x !== 'number') return String(x);
  if (Number.isInteger(x) && Math.abs(x) < 1e9) return x.toLocaleString('en-US');
  const a = Math.abs(x);
  if (a !== 0 && (a < 1e-3 || a >= 1e9)) return x.toExponential(2);
  return Number(x.toPrecision(digits)).toString();
}

/** A score component or figure: numbers compact, booleans as yes/no, null as a dash. */
export function fmtValue(v) {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'number') return fmtNumber(v);
  return String(v);
}

export function fmtAgo(ms, now = Date.now()) {
  if (!ms) return '—';
  const s = Math.max(0, Math.round((now - ms) / 1000));
  if (s < 90) return `${s} s ago`;
  if (s < 5400) return `${Math.round(s / 60)} min ago`;
  if (s < 172800) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86400)} d ago`;
}

export function fmtMs(ms) {
  if (ms === null || ms === undefined) return '—';
  return ms >= 1000 ? `${(ms / 1000).toFixed(ms >= 10000 ? 0 : 1)} s` : `${Math.round(ms)} ms`;
}

/** A labelled figure for the card row; returns the value element so callers can update it. */
export function card(parent, label, id) {
  const value = el('div', { class: 'value', 'data-card': id, text: '—' });
  parent.append(el('div', { class: 'card' }, el('div', { class: 'label', text: label }), value));
  return value;
}
