import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { progressBar } from './progress.js';

function sink(isTTY: boolean): { stream: Writable & { isTTY?: boolean }; text: () => string } {
  let out = '';
  const stream = new Writable({
    write(chunk, _enc, done) {
      out += String(chunk);
      done();
    },
  }) as Writable & { isTTY?: boolean };
  stream.isTTY = isTTY;
  return { stream, text: () => out };
}

describe('progressBar', () => {
  it('writes one line per 10 % to a log', () => {
    const s = sink(false);
    let t = 0;
    const report = progressBar(s.stream, () => t);
    for (let loaded = 0; loaded <= 10_000_000; loaded += 500_000) {
      t += 100;
      report({ file: 'vision.onnx', loaded, total: 10_000_000 });
    }
    const lines = s.text().trim().split('\n');
    expect(lines).toHaveLength(11);
    expect(lines[5]).toMatch(/^download vision\.onnx: 50% 5\.0\/10\.0 MB [\d.]+ MB\/s$/);
    expect(lines.at(-1)).toContain('100% 10.0/10.0 MB');
  });

  it('redraws a bar on a terminal and ends it with a newline', () => {
    const s = sink(true);
    let t = 0;
    const report = progressBar(s.stream, () => t);
    report({ file: 'a.onnx', loaded: 0, total: 4_000_000 });
    t = 1000;
    report({ file: 'a.onnx', loaded: 4_000_000, total: 4_000_000 });
    expect(s.text()).toContain('\ra.onnx [##############################] 100% 4.0/4.0 MB 4.0 MB/s\n');
  });
});
