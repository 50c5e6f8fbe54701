import { cp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '@taonode/kit';
import { ensureTinySn21Models, loadTinyImageBindText, testDatasetFiles } from '../testing/index.js';

export interface Sn21DemoFiles {
  /** Model folders to submit, one per miner (miner 1 captions well, miner 2 emits noise). */
  minerModels: string[];
  /** The validator's baseline model (B): right on every other row, between the two. */
  baselineModel: string;
  /** SN24-layout parquet of the rows the tiny models were built for (`--sn21.dataset_dir`). */
  datasetDir: string;
}

/**
 * Everything SN21 needs in `taonode demo` before its daemons start: the tiny caption models (a good
 * one and a noisy one for the two miners, a middling one as the validator's baseline), the rows as
 * a small SN24-layout parquet dataset dated an hour before `nowMs` (inside the recency window of
 * spec §5.2, past the settling margin), and the tiny ImageBind text encoder, generated once so the
 * daemons never race to make it. Deterministic; safe to run again.
 */
export async function prepareSn21Demo(dir: string, nowMs = Date.now()): Promise<Sn21DemoFiles> {
  const tiny = await ensureTinySn21Models();
  const copy = async (from: string, name: string) => {
    const to = join(dir, 'models', name);
    // Fresh copies: submit writes hotkey.txt into the folder it uploads.
    await rm(to, { recursive: true, force: true });
    await cp(from, to, { recursive: true });
    return to;
  };
  const minerModels = [await copy(tiny.dirs.good, 'miner1'), await copy(tiny.dirs.noise, 'miner2')];
  const baselineModel = await copy(tiny.dirs.half, 'baseline');
  const datasetDir = join(dir, 'dataset');
  await rm(datasetDir, { recursive: true, force: true });
  for (const f of testDatasetFiles(tiny.rows, { timeMs: nowMs - 3_600_000, rowsPerFile: 16 })) {
    await writeFileAtomic(join(datasetDir, f.path), f.bytes);
  }
  await (await loadTinyImageBindText()).release();
  return { minerModels, baselineModel, datasetDir };
}
