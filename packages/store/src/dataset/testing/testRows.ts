import type { ColumnSpec, DatasetRow } from '../columns.js';

export const TEST_COLUMNS: ColumnSpec[] = [
  { name: 'video_id', type: 'string' },
  { name: 'views', type: 'int64' },
  { name: 'score', type: 'double' },
  { name: 'embed', type: 'doubleList' },
];

export function testRow(i: number): DatasetRow {
  return { video_id: `r${i}`, views: i * 1000, score: i / 7, embed: [i, -i / 3, 0.1 + i] };
}
