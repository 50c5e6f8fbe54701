import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildModelCommitment, formatModelCommitment } from '../commitment/modelCommitment.js';
import { IMAGEBIND_DIM, VIDEO_CAPTION_COMPETITION } from '../constants.js';
import { checkModelFolder } from '../contract/checkModelFolder.js';
import { HOTKEY_FILE, README_FILE } from '../contract/modelFiles.js';
import { type CaptionModelOptions, loadCaptionModel } from '../decode/captionModel.js';
import { type Caption, greedyCaption } from '../decode/greedyCaption.js';
import { ModelRunError } from '../errors.js';
import { hashModelFolder } from '../hub/contentHash.js';
import type { HubAccess } from '../hub/hubRepo.js';
import { uploadModelFolder } from '../hub/hubUpload.js';
import { mapCommitError } from './commitError.js';

export type SubmitStep = 'check' | 'caption' | 'upload' | 'commit';

export interface CheckFolderOptions {
  /** A video embedding to caption (e.g. a row of the SN24 dataset); a fixed unit vector by default. */
  embedding?: Float32Array;
  session?: CaptionModelOptions;
  maxNewTokens?: number;
  /** Limit for the one caption. */
  timeLimitMs?: number;
}

export interface FolderCheck {
  caption: Caption;
  contentHash: string;
  totalBytes: number;
  files: string[];
}

/** A deterministic unit vector: any embedding exercises the graphs end to end. */
function probeEmbedding(): Float32Array {
  const v = Float32Array.from({ length: IMAGEBIND_DIM }, (_, i) => Math.sin(i + 1));
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

/**
 * What `taonode sn21 submit` checks before uploading anything: the folder passes the contract, the
 * graphs load in ONNX Runtime and caption one embedding within the limits.
 */
export async function checkModelForSubmit(
  dir: string,
  options: CheckFolderOptions = {},
): Promise<FolderCheck> {
  const checked = checkModelFolder(dir, { missingDisposition: 'usage' });
  const model = await loadCaptionModel(checked, options.session);
  try {
    const timeLimit = options.timeLimitMs ?? 120_000;
    const caption = await greedyCaption(model, options.embedding ?? probeEmbedding(), {
      ...(options.maxNewTokens === undefined ? {} : { maxNewTokens: options.maxNewTokens }),
      deadline: performance.now() + timeLimit,
    }).catch((err: unknown) => {
      if (err instanceof Error && err.name === 'CaptionDeadlineError') {
        throw new ModelRunError(`one caption took longer than ${timeLimit} ms`, err);
      }
      throw err;
    });
    const hashed = await hashModelFolder(dir);
    return {
      caption,
      contentHash: hashed.contentHash,
      totalBytes: checked.totalBytes,
      files: hashed.files.map((f) => f.path),
    };
  } finally {
    await model.release();
  }
}

export interface SubmitModelOptions {
  dir: string;
  /** `namespace/name` of the model repo (created when missing). */
  repo: string;
  /** SS58 of the hotkey that will commit; written to hotkey.txt. */
  hotkey: string;
  hub: HubAccess & { accessToken: string };
  competition?: string;
  epoch?: string;
  check?: CheckFolderOptions;
  /**
   * Writes the commitment on chain (e.g. chain's `setCommitment` with the hotkey). Left out, the
   * model is uploaded and the commitment string returned for a later `--commit-only`.
   */
  commit?: (commitment: string) => Promise<{ blockHash: string }>;
  onStep?: (step: SubmitStep, detail: string) => void;
}

export interface SubmitResult {
  /** Commit sha of the upload: what the commitment pins. */
  revision: string;
  commitment: string;
  caption: string;
  contentHash: string;
  /** Block hash of the commitment extrinsic, when it was written. */
  blockHash: string | undefined;
}

/**
 * The miner's submit: check the folder (contract, load, one caption), write hotkey.txt, upload the
 * model files as one commit, build `namespace:name:epoch:commit:hash:competition` from the commit sha
 * and (when `commit` is given) write it on chain. The commitment is length-checked before anything
 * is uploaded; a chain rate-limit refusal comes back as CommitmentRateLimitedError, the upload kept.
 */
export async function submitModel(o: SubmitModelOptions): Promise<SubmitResult> {
  const competition = o.competition ?? VIDEO_CAPTION_COMPETITION;
  const build = (commit: string) =>
    formatModelCommitment(
      buildModelCommitment({ repo: o.repo, commit, competition, ...(o.epoch ? { epoch: o.epoch } : {}) }),
    );
  build('0'.repeat(40)); // fails early when the names do not fit 128 bytes

  o.onStep?.('check', `checking ${o.dir} against the SN21 contract`);
  const check = await checkModelForSubmit(o.dir, o.check);
  o.onStep?.(
    'caption',
    `probe caption (${check.caption.ids.length} tokens, ${check.caption.stoppedBy}): ${check.caption.text.slice(0, 120)}`,
  );

  await writeFile(join(o.dir, HOTKEY_FILE), `${o.hotkey}\n`);
  const paths = [...check.files, HOTKEY_FILE, ...(existsSync(join(o.dir, README_FILE)) ? [README_FILE] : [])];
  o.onStep?.('upload', `uploading ${paths.length} files (${check.totalBytes} bytes of model) to ${o.repo}`);
  const revision = await uploadModelFolder(o.hub, {
    repo: o.repo,
    dir: o.dir,
    paths,
    title: `SN21 model for ${o.hotkey}`,
  });
  const commitment = build(revision);
  let blockHash: string | undefined;
  if (o.commit) {
    o.onStep?.('commit', `committing ${commitment}`);
    try {
      blockHash = (await o.commit(commitment)).blockHash;
    } catch (err) {
      throw mapCommitError(err);
    }
  }
  return { revision, commitment, caption: check.caption.text, contentHash: check.contentHash, blockHash };
}
