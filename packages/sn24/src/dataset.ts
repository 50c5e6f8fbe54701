import { randomUUID } from 'node:crypto';
import type { ColumnSpec, DatasetRow, DatasetSink, VectorIndex, VectorRecord } from '@taonode/store';
import type { AcceptedVideo } from './scoring/videoReward.js';

/** The video dataset's row schema (spec §5.4), as the reference API writes it to parquet. */
export const VIDEO_DATASET_COLUMNS: readonly ColumnSpec[] = [
  { name: 'video_id', type: 'string' },
  { name: 'youtube_id', type: 'string' },
  { name: 'description', type: 'string' },
  { name: 'views', type: 'int64' },
  { name: 'start_time', type: 'int64' },
  { name: 'end_time', type: 'int64' },
  { name: 'video_embed', type: 'doubleList' },
  { name: 'audio_embed', type: 'doubleList' },
  { name: 'description_embed', type: 'doubleList' },
  { name: 'description_relevance_score', type: 'double' },
  { name: 'query_relevance_score', type: 'double' },
  { name: 'query', type: 'string' },
  { name: 'submitted_at', type: 'int64' },
];

/**
 * One accepted clip as a dataset row and as a novelty-index record. `uuid` is the row id; the
 * index id is `"vid" + uuid` like the reference's Pinecone ids.
 */
export function acceptedVideoRecords(
  a: AcceptedVideo,
  query: string,
  uuid: string,
  submittedAtS: number,
): { row: DatasetRow; vector: VectorRecord } {
  const m = a.metadata;
  return {
    row: {
      video_id: uuid,
      youtube_id: m.video_id,
      description: m.description,
      views: m.views,
      start_time: m.start_time,
      end_time: m.end_time,
      video_embed: m.video_emb,
      audio_embed: m.audio_emb,
      description_embed: m.description_emb,
      description_relevance_score: a.descriptionRelevance,
      query_relevance_score: a.queryRelevance,
      query,
      submitted_at: Math.floor(submittedAtS),
    },
    vector: {
      id: `vid${uuid}`,
      values: m.video_emb,
      metadata: { youtube_id: m.video_id, modality_type: 'video' },
    },
  };
}

/**
 * After scoring: the accepted clips go to the dataset sink (journaled, so never lost) and then
 * into the novelty index, so the next miner sending the same clip finds it. A crash between the
 * two can at worst let one identical clip be accepted twice; it never drops a row.
 */
export async function storeAcceptedVideos(
  store: { sink: DatasetSink; index: VectorIndex },
  accepted: readonly AcceptedVideo[],
  query: string,
  options: { nowS?: number; uuid?: () => string } = {},
): Promise<void> {
  if (accepted.length === 0) return;
  const nowS = options.nowS ?? Date.now() / 1000;
  const uuid = options.uuid ?? randomUUID;
  const records = accepted.map((a) => acceptedVideoRecords(a, query, uuid(), nowS));
  await store.sink.append(records.map((r) => r.row));
  await store.index.upsert(records.map((r) => r.vector));
}
