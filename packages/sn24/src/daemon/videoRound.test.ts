/**
 * The validator's round at the daemon level, with real parts: a miner axon and the validator's
 * dendrite over signed HTTP on 127.0.0.1, tiny ImageBind/gte/unstuffer models on ONNX Runtime,
 * generated videos in a local folder source (the spot check's "download"), the embedded novelty
 * index and a parquet dataset sink. The miner answers honestly or in one of the bad ways the
 * issue lists; each is scored as the spec says and nothing throws.
 */
import { mkdtempSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFfmpeg, type Ffmpeg } from '@taonode/media';
import { createLogger, type MinerTarget } from '@taonode/neuron';
import { DatasetSink, openExactIndex, type VectorIndex } from '@taonode/store';
import { type Axon, createAxon, createDendrite, type Dendrite } from '@taonode/transport';
import { Keypair } from '@taonode/wallet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeAcceptedVideos, VIDEO_DATASET_COLUMNS } from '../dataset.js';
import { answerVideos } from '../miner/answerVideos.js';
import { type LoadedSn24Models, loadSn24Models } from '../models/loadSn24Models.js';
import { type VideoMetadata, Videos } from '../protocol.js';
import { localFolderSource } from '../sources/localFolderSource.js';
import type { VideoSource } from '../sources/types.js';
import { tinySn24ModelOptions } from '../testing/tinySn24Models.js';
import { e } from '../testing/vectors.js';
import { ensureTestVideos } from './testVideoFolder.js';
import { askMiners, type Sn24Round, scoreRound } from './videoRound.js';
import { videoScoringDeps } from './videoScoringDeps.js';

const work = mkdtempSync(join(tmpdir(), 'sn24-round-'));
const logger = createLogger({ name: 'test', level: 'info', format: 'json' });
logger.level = 'silent';
let ff: Ffmpeg;
let models: LoadedSn24Models;
let source: VideoSource;
let honest: VideoMetadata[];
let stuffedText: string | undefined;
let axon: Axon;
let dendrite: Dendrite;
let target: MinerTarget;
/** What the miner sends next; `undefined` = do not answer in time. */
let answer: () => unknown = () => [];

beforeAll(async () => {
  ff = await createFfmpeg();
  await ensureTestVideos(ff, join(work, 'videos'), 2);
  source = localFolderSource({ dir: join(work, 'videos'), ff });
  models = await loadSn24Models(await tinySn24ModelOptions(), { ff });
  // The tiny unstuffer has random weights: describe the clips with texts it happens to call clean.
  const words = ['the', 'a', 'cat', 'dog', 'video', 'clip', 'pasta', 'cook', 'river', 'play', 'run', 'sun'];
  const candidates = words.flatMap((w) => words.map((x) => `${w} ${x}`));
  const verdicts = await models.unstuffer.classify(candidates);
  const clean = candidates.filter((_, i) => !verdicts[i]!.stuffed);
  stuffedText = candidates.find((_, i) => verdicts[i]!.stuffed && verdicts[i]!.confidence > 0.75);
  let k = 0;
  honest = await answerVideos('anything', 2, {
    source,
    embedder: models.imagebind,
    workDir: work,
    describe: () => clean[k++]!,
  });
  const miner = Keypair.fromUri('//Alice');
  axon = createAxon({ signer: miner, ip: '127.0.0.1', port: 0 });
  // The bad answers are not valid `VideoMetadata`, so they bypass the types on purpose.
  axon.attach(Videos, { forward: async (s) => ({ ...s, video_metadata: answer() as VideoMetadata[] }) });
  await axon.start();
  dendrite = createDendrite({ signer: Keypair.fromUri('//Bob') });
  target = {
    uid: 3,
    hotkey: miner.ss58Address,
    axon: { ip: '127.0.0.1', port: axon.address.port, hotkey: miner.ss58Address },
  } as MinerTarget;
}, 300_000);

afterAll(async () => {
  await dendrite?.close();
  await axon?.stop();
  await models?.close();
  await rm(work, { recursive: true, force: true });
});

/** One validator round against the miner with a fresh index and sink; `rng` picks the spot check. */
async function round(rng: number, opts: { miner?: MinerTarget; index?: VectorIndex } = {}) {
  const dir = mkdtempSync(join(work, 'store-'));
  const index = opts.index ?? (await openExactIndex({ dimension: 1024 }));
  const sink = await DatasetSink.open({ dir, columns: VIDEO_DATASET_COLUMNS, batchSizes: [1] });
  const deps = videoScoringDeps({ models, index, source, workDir: work, noMatchNovelty: 1, rng: () => rng });
  const answers = await askMiners(dendrite, [opts.miner ?? target], 'Cooking pasta', {
    numVideos: 8,
    timeoutS: 20,
    concurrency: 4,
  });
  const r: Sn24Round = { query: 'Cooking pasta', answers };
  const out = await scoreRound(r, deps, {
    numVideos: 8,
    logger,
    store: (res, q) => storeAcceptedVideos({ sink, index }, res.accepted, q),
  });
  await sink.close();
  const files = (await readdir(dir, { recursive: true })).filter((f) => String(f).endsWith('.parquet'));
  return { ...out.scored[0]!.result, update: out.updates[0]!, parquetFiles: files.length, index };
}

describe('SN24 validator round over a real axon and dendrite', () => {
  it('an honest miner passes the download spot check, is scored, and its clips are filed', async () => {
    answer = () => honest;
    const r = await round(0.05);
    expect(r.reason).toBe('scored');
    expect(r.accepted).toHaveLength(2);
    expect(r.reward).toBeGreaterThanOrEqual(0.005);
    expect(r.parquetFiles).toBe(2);
    expect(await r.index.count()).toBe(2);
    // The same clips again: the index now knows them, so they are not novel.
    const again = await round(0.5, { index: r.index });
    expect(again).toMatchObject({ reason: 'not_novel', reward: 0.005, parquetFiles: 0 });
  }, 120_000);

  it.each([
    ['embeddings of the wrong size', () => [{ ...honest[0], video_emb: [1, 2, 3] }]],
    [
      'NaN embeddings (sent as null by JSON)',
      () => [{ ...honest[0], audio_emb: e(0).map(() => Number.NaN) }],
    ],
    ['a non-numeric views field', () => [{ ...honest[0], views: 'many' }]],
  ])('%s: the answer fails to parse and is a non-response (0.005)', async (_what, bad) => {
    answer = bad;
    const r = await round(0.5);
    expect(r).toMatchObject({ reason: 'no_response', reward: 0.005, parquetFiles: 0 });
  });

  it('fake ids (not 11 characters) cost the whole response −5', async () => {
    answer = () => [honest[0], { ...honest[1], video_id: 'short' }];
    expect(await round(0.5)).toMatchObject({ reason: 'fake_id', reward: -5 });
  });

  it('an 11-character id the source does not have, picked by the download check, is fake: −5', async () => {
    answer = () => [{ ...honest[0], video_id: 'AAAAAAAAAAA' }];
    expect(await round(0.05)).toMatchObject({ reason: 'spot_check_fake', reward: -5 });
  });

  it('embeddings that do not match the video fail the spot check: −5', async () => {
    answer = () => honest.map((m) => ({ ...m, video_emb: e(7), audio_emb: e(8) }));
    expect(await round(0.05)).toMatchObject({ reason: 'spot_check_failed', reward: -5 });
    answer = () => honest.map((m) => ({ ...m, description_emb: e(9) }));
    expect(await round(0.5)).toMatchObject({ reason: 'spot_check_failed', reward: -5 });
  }, 60_000);

  it('a description the unstuffer flags with confidence > 0.75 costs −5', async (ctx) => {
    if (stuffedText === undefined) ctx.skip();
    const [emb] = await models.imagebind.embedTexts([stuffedText!]);
    answer = () => [honest[0], { ...honest[1], description: stuffedText, description_emb: emb }];
    expect(await round(0.5)).toMatchObject({ reason: 'stuffed', reward: -5 });
  });

  it('clips longer than 120 s are dropped: nothing left scores 0.005', async () => {
    answer = () => honest.map((m) => ({ ...m, start_time: 0, end_time: 121 }));
    expect(await round(0.5)).toMatchObject({ reason: 'no_valid_clips', reward: 0.005 });
  });

  it('duplicate ids with identical clips keep one clip (in-batch de-duplication)', async () => {
    answer = () => [honest[0], honest[0], honest[0]];
    const r = await round(0.5);
    expect(r.reason).toBe('scored');
    expect(r.accepted).toHaveLength(1);
  });

  it('an unreachable miner is a non-response; a failing model gives no update (reward null)', async () => {
    const gone = { ...target, axon: { ...target.axon, port: 9 } };
    expect(await round(0.5, { miner: gone })).toMatchObject({ reason: 'no_response', reward: 0.005 });
    answer = () => honest;
    const similarity = models.textSimilarity.similarity;
    models.textSimilarity.similarity = () => Promise.reject(new Error('model crashed'));
    try {
      const r = await round(0.5);
      expect(r).toMatchObject({ reason: 'scoring_error', reward: null, parquetFiles: 0 });
      expect(r.update).toEqual({ uid: 3, reward: null });
    } finally {
      models.textSimilarity.similarity = similarity;
    }
  });
});
