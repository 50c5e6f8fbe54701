import type { ImageBindTextEmbedder } from '@taonode/media';
import type { ModelCommitment } from '../commitment/modelCommitment.js';
import { type CheckOptions, checkModelFolder } from '../contract/checkModelFolder.js';
import { type CaptionModelOptions, loadCaptionModel } from '../decode/captionModel.js';
import { Sn21Error } from '../errors.js';
import {
  type FetchCommittedModelArgs,
  fetchCommittedModel,
  fetchModelAtRevision,
} from '../hub/fetchCommittedModel.js';
import type { HubAccess } from '../hub/hubRepo.js';
import type { ModelCache } from '../hub/modelCache.js';
import type { DatasetSource } from './datasetSource.js';
import { type CaptionEvaluation, evaluateCaptions, referenceEmbeddings } from './evaluateCaptions.js';
import { type EvalRow, type RowSelectionOptions, selectEvaluationRows } from './selectRows.js';

/** The rows of one evaluation round and their ground-truth embeddings (shared by every model). */
export interface EvaluationRound {
  seed: string;
  rows: EvalRow[];
  references: number[][];
  files: string[];
}

/** Picks the round's rows from the dataset (seeded by a block) and embeds their ground truth once. */
export async function prepareRound(
  source: DatasetSource,
  text: ImageBindTextEmbedder,
  selection: RowSelectionOptions,
): Promise<EvaluationRound> {
  const picked = await selectEvaluationRows(source, selection);
  return {
    seed: picked.seed,
    rows: picked.rows,
    references: await referenceEmbeddings(text, picked.rows),
    files: picked.files,
  };
}

export interface ModelEvaluationOptions {
  /** ImageBind's text encoder (media's `loadImageBindText`). */
  text: ImageBindTextEmbedder;
  /** Per-model limit for captioning every row of the round. */
  timeLimitMs: number;
  maxNewTokens?: number;
  /** ONNX Runtime device and threads for the miner's graphs. */
  session?: CaptionModelOptions;
  check?: Omit<CheckOptions, 'missingDisposition'>;
}

/** Checks, loads and evaluates a model folder on the round's rows; sessions are always released. */
export async function evaluateModelFolder(
  dir: string,
  round: EvaluationRound,
  options: ModelEvaluationOptions,
): Promise<CaptionEvaluation> {
  const checked = checkModelFolder(dir, options.check);
  const model = await loadCaptionModel(checked, options.session);
  try {
    return await evaluateCaptions(model, round.rows, round.references, options.text, {
      timeLimitMs: options.timeLimitMs,
      ...(options.maxNewTokens === undefined ? {} : { maxNewTokens: options.maxNewTokens }),
    });
  } finally {
    await model.release();
  }
}

export type CommitmentOutcome =
  | { kind: 'scored'; score: number; contentHash: string; revision: string; evaluation: CaptionEvaluation }
  | { kind: 'failed'; error: Sn21Error; contentHash?: string };

/** Anything else that escapes (a bug on our side) is retried, never charged to the miner at once. */
function asSn21Error(err: unknown): Sn21Error {
  if (err instanceof Sn21Error) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new Sn21Error('UNEXPECTED', `unexpected failure while evaluating: ${message.slice(0, 300)}`, {
    disposition: 'retry',
    cause: err,
  });
}

/**
 * The validator's whole treatment of one commitment (no chain access): fetch the repo at the
 * committed revision with its checks (hotkey.txt, repo age, size, hashes), check the ONNX contract,
 * caption the round's rows, score. Never throws: a failure comes back as a typed error whose
 * `disposition` says whether it is the miner's fault (penalty) or to be retried.
 */
export async function evaluateCommitment(
  args: Omit<FetchCommittedModelArgs, 'commitment'> & { commitment: ModelCommitment },
  round: EvaluationRound,
  options: ModelEvaluationOptions,
): Promise<CommitmentOutcome> {
  let contentHash: string | undefined;
  try {
    const fetched = await fetchCommittedModel(args);
    contentHash = fetched.model.contentHash;
    try {
      const evaluation = await evaluateModelFolder(fetched.model.dir, round, {
        ...options,
        check: { ...options.check, limits: { ...args.limits, ...options.check?.limits } },
      });
      return { kind: 'scored', score: evaluation.score, contentHash, revision: fetched.revision, evaluation };
    } finally {
      fetched.release();
    }
  } catch (err) {
    return { kind: 'failed', error: asSn21Error(err), ...(contentHash ? { contentHash } : {}) };
  }
}

/** Where the baseline model comes from: a local folder, or a hub repo at a pinned revision. */
export type BaselineSource = { kind: 'local'; dir: string } | { kind: 'hf'; repo: string; revision: string };

/** The baseline model's score on the round's rows (B in spec §5.5). Throws on failure. */
export async function evaluateBaseline(
  source: BaselineSource,
  round: EvaluationRound,
  options: ModelEvaluationOptions & { hub?: HubAccess; cache?: ModelCache },
): Promise<CaptionEvaluation> {
  if (source.kind === 'local') return evaluateModelFolder(source.dir, round, options);
  if (options.cache === undefined) throw new RangeError('a hub baseline needs the model cache');
  const fetched = await fetchModelAtRevision({
    hub: options.hub ?? {},
    cache: options.cache,
    repo: source.repo,
    revision: source.revision,
  });
  try {
    return await evaluateModelFolder(fetched.model.dir, round, options);
  } finally {
    fetched.release();
  }
}
