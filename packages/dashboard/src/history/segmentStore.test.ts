import { appendFileSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SegmentStore } from './segmentStore.js';

const made: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'dash-seg-'));
  made.push(d);
  return d;
};
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

const DAY = 86_400_000;
const lines = (store: SegmentStore) => {
  const out: string[] = [];
  return store
    .replay((l) => {
      out.push(l);
      return true;
    })
    .then((report) => ({ out, report }));
};

describe('SegmentStore', () => {
  it('appends lines that a later process replays, in order, each run in its own segment', async () => {
    const dir = tempDir();
    const a = await SegmentStore.open({ dir, retentionMs: DAY, maxBytes: 1 << 20 });
    await a.append('{"n":1}\n{"n":2}\n');
    await a.append('{"n":3}\n');
    await a.close();
    const b = await SegmentStore.open({
      dir,
      retentionMs: DAY,
      maxBytes: 1 << 20,
      now: () => Date.now() + 5,
    });
    await b.append('{"n":4}\n');
    await b.close();
    const c = await SegmentStore.open({ dir, retentionMs: DAY, maxBytes: 1 << 20 });
    const { out, report } = await lines(c);
    expect(out).toEqual(['{"n":1}', '{"n":2}', '{"n":3}', '{"n":4}']);
    expect(report).toEqual({ files: 2, lines: 4, skipped: 0 });
    expect(c.stats.segments).toBe(2);
  });

  it('skips a line torn by a crash and lines that do not parse, and keeps the rest', async () => {
    const dir = tempDir();
    const a = await SegmentStore.open({ dir, retentionMs: DAY, maxBytes: 1 << 20 });
    await a.append('{"n":1}\n');
    await a.close();
    const [file] = readdirSync(dir);
    appendFileSync(join(dir, file!), 'garbage\n{"n":2}\n{"n":3, "torn');
    const b = await SegmentStore.open({ dir, retentionMs: DAY, maxBytes: 1 << 20 });
    const out: string[] = [];
    const report = await b.replay((l) => {
      if (l.startsWith('{')) out.push(l);
      return l.startsWith('{');
    });
    expect(out).toEqual(['{"n":1}', '{"n":2}']);
    expect(report.skipped).toBe(2);
  });

  it('rotates by size and keeps the folder under the byte cap, oldest segments first', async () => {
    const dir = tempDir();
    let now = 1_000_000_000_000;
    const store = await SegmentStore.open({
      dir,
      retentionMs: DAY,
      maxBytes: 10_000,
      segmentBytes: 2_000,
      now: () => now,
    });
    const line = `${JSON.stringify({ pad: 'x'.repeat(90) })}\n`;
    for (let i = 0; i < 400; i++) {
      now += 1_000;
      await store.append(line);
    }
    await store.close();
    expect(store.stats.bytes).toBeLessThanOrEqual(10_000 + 2_000);
    expect(readdirSync(dir).length).toBe(store.stats.segments);
    expect(store.stats.segments).toBeGreaterThan(3);
  });

  it('deletes segments older than the retention at open', async () => {
    const dir = tempDir();
    const old = join(dir, `history-${String(Date.now() - 9 * DAY).padStart(15, '0')}-1.jsonl`);
    writeFileSync(old, '{"n":0}\n');
    const when = (Date.now() - 8 * DAY) / 1000;
    utimesSync(old, when, when);
    writeFileSync(join(dir, 'unrelated.txt'), 'kept');
    const store = await SegmentStore.open({ dir, retentionMs: 7 * DAY, maxBytes: 1 << 20 });
    expect(readdirSync(dir)).toEqual(['unrelated.txt']);
    expect((await lines(store)).out).toEqual([]);
  });

  it('refuses a folder it cannot create with a DashboardError naming it', async () => {
    const file = join(tempDir(), 'a-file');
    writeFileSync(file, '');
    await expect(
      SegmentStore.open({ dir: join(file, 'sub'), retentionMs: DAY, maxBytes: 1 << 20 }),
    ).rejects.toMatchObject({
      name: 'DashboardError',
      details: { dir: join(file, 'sub') },
    });
  });
});
