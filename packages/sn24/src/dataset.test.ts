import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatasetSink, openExactIndex, readParquetRows } from '@taonode/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeAcceptedVideos, VIDEO_DATASET_COLUMNS } from './dataset.js';
import type { AcceptedVideo } from './scoring/videoReward.js';
import { e, videoItem } from './testing/vectors.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'taonode-sn24-ds-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('accepted clips → dataset sink and novelty index', () => {
  it('writes the reference row schema to parquet and the video vector to the index', async () => {
    const sink = await DatasetSink.open({ dir, columns: VIDEO_DATASET_COLUMNS, batchSizes: [2] });
    const index = await openExactIndex({ dimension: 1024 });
    const accepted: AcceptedVideo[] = [
      {
        metadata: videoItem({ video_id: 'AAAAAAAAAAA', video_emb: e(0) }),
        descriptionRelevance: 0.4,
        queryRelevance: 0.3,
        novelty: 1,
      },
      {
        metadata: videoItem({ video_id: 'BBBBBBBBBBB', video_emb: e(1) }),
        descriptionRelevance: 0.5,
        queryRelevance: 0.2,
        novelty: 0.9,
      },
    ];
    let n = 0;
    await storeAcceptedVideos({ sink, index }, accepted, 'Chess', {
      nowS: 1_732_000_000.7,
      uuid: () => `uuid-${n++}`,
    });
    await sink.close();

    const [match] = await index.query(e(1));
    expect(match).toEqual({
      id: 'viduuid-1',
      score: 1,
      metadata: { youtube_id: 'BBBBBBBBBBB', modality_type: 'video' },
    });

    const files = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.parquet'));
    expect(files).toHaveLength(1);
    const rows = await readParquetRows(await readFile(join(dir, files[0]!)));
    expect(Object.keys(rows[0]!)).toEqual(VIDEO_DATASET_COLUMNS.map((c) => c.name));
    expect(rows[0]).toMatchObject({
      video_id: 'uuid-0',
      youtube_id: 'AAAAAAAAAAA',
      description_relevance_score: 0.4,
      query_relevance_score: 0.3,
      query: 'Chess',
      submitted_at: 1_732_000_000,
    });
    expect(rows[1]!.video_embed).toEqual(e(1));
  });
});
