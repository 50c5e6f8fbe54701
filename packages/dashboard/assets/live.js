import { apiUrl, authHeaders } from './api.js';

// Server-sent events read through fetch rather than EventSource, so the bearer token can travel in
// a header (EventSource cannot send one). Reconnects with backoff.

function parseBlock(block, onEvent) {
  let event = 'message';
  const data = [];
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue;
    const c = line.indexOf(':');
    const field = c < 0 ? line : line.slice(0, c);
    let value = c < 0 ? '' : line.slice(c + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  if (data.length === 0) return;
  let parsed;
  try {
    parsed = JSON.parse(data.join('\n'));
  } catch {
    return;
  }
  onEvent(event, parsed);
}

export function connectLive({ onEvent, onState }) {
  let stopped = false;
  let delay = 1000;
  let controller;
  const run = async () => {
    while (!stopped) {
      onState('connecting');
      controller = new AbortController();
      try {
        const res = await fetch(apiUrl('events'), {
          headers: { ...authHeaders(), accept: 'text/event-stream' },
          cache: 'no-store',
          signal: controller.signal,
        });
        if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
        onState('live');
        delay = 1000;
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buf = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buf += value.replace(/\r\n?/g, '\n');
          for (let i = buf.indexOf('\n\n'); i >= 0; i = buf.indexOf('\n\n')) {
            parseBlock(buf.slice(0, i), onEvent);
            buf = buf.slice(i + 2);
          }
          if (buf.length > 1 << 20) buf = '';
        }
      } catch {
        // fall through to the retry below
      }
      if (stopped) return;
      onState('offline');
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 15000);
    }
  };
  run();
  return () => {
    stopped = true;
    controller?.abort();
  };
}
