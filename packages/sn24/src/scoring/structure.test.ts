import { describe, expect, it } from 'vitest';
import { videoItem } from '../testing/vectors.js';
import { checkStructure } from './structure.js';

describe('structural checks (spec §5.2 steps 1–3)', () => {
  it('null or empty metadata → 0.005', () => {
    expect(checkStructure(null)).toEqual({ kind: 'empty', reward: 0.005 });
    expect(checkStructure([])).toEqual({ kind: 'empty', reward: 0.005 });
  });

  it('one id that is not 11 characters → −5 for the whole response', () => {
    const r = checkStructure([videoItem(), videoItem({ video_id: 'short' })]);
    expect(r).toEqual({ kind: 'fake_id', reward: -5, videoId: 'short' });
  });

  it('counts id length in code points like Python', () => {
    const r = checkStructure([videoItem({ video_id: 'abcdefghij😀' })]);
    expect(r.kind).toBe('ok');
  });

  it('keeps clips with 5 ≤ end − start ≤ 120', () => {
    const lens: [number, number][] = [
      [0, 4],
      [0, 5],
      [30, 150],
      [0, 121],
      [10, 5],
    ];
    const r = checkStructure(lens.map(([start_time, end_time]) => videoItem({ start_time, end_time })));
    expect(r.kind === 'ok' && r.items.map((m) => [m.start_time, m.end_time])).toEqual([
      [0, 5],
      [30, 150],
    ]);
  });

  it('cuts the list to num_videos before checking (extra items are never looked at)', () => {
    const items = [...Array.from({ length: 8 }, () => videoItem()), videoItem({ video_id: 'x' })];
    const r = checkStructure(items);
    expect(r.kind === 'ok' && r.items.length).toBe(8);
  });
});
