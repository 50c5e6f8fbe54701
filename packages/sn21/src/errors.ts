import { TaonodeError } from '@taonode/kit';

/**
 * What a validator does about a failure:
 * - `retry`: our side or the network failed (hub unreachable, no dataset rows); keep the model's
 *   previous score and try again later.
 * - `penalty`: the miner's model or repository is at fault; the model gets `penaltyScore`, which
 *   replaces its previous score (a failed evaluation lowers the score, spec §8.3).
 * - `ignore`: the commitment is not a model pointer we can use at all (malformed); no score.
 * - `usage`: a miner-side command was given something it cannot work with; the operator fixes it.
 */
export type Disposition = 'retry' | 'penalty' | 'ignore' | 'usage';

/** Score given for failed validity checks (hotkey.txt, repo age, copies): non-zero, as the reference. */
export const PENALTY_SCORE = 0.001;
/** Score given when the model cannot be evaluated (contract violation, crash, time limit). */
export const FAILED_SCORE = 0;

/**
 * The one error base of the SN21 package: a short message, a stable `code`, what to do about it
 * (`disposition`, and the score a penalty sets), plus structured details for logs; on the shared
 * error base (`TaonodeError`).
 */
export class Sn21Error extends TaonodeError {
  readonly disposition: Disposition;
  readonly penaltyScore: number | undefined;

  constructor(
    code: string,
    message: string,
    options: {
      disposition: Disposition;
      penaltyScore?: number;
      hint?: string;
      details?: Record<string, unknown>;
      cause?: unknown;
    },
  ) {
    super(message, { code, hint: options.hint, details: options.details, cause: options.cause });
    this.disposition = options.disposition;
    this.penaltyScore =
      options.disposition === 'penalty' ? (options.penaltyScore ?? FAILED_SCORE) : undefined;
  }
}

/** A commitment string that is not `namespace:name:epoch:commit:hash[:competition]`. */
export class CommitmentFormatError extends Sn21Error {
  constructor(reason: string, details: Record<string, unknown> = {}) {
    super('COMMITMENT_FORMAT', `malformed SN21 commitment: ${reason}`, {
      disposition: 'ignore',
      hint: 'commit "namespace:name:epoch:commit:hash:competition" with the 40-hex commit sha of the upload (taonode sn21 submit builds it)',
      details,
    });
  }
}

/** The commitment names a competition this validator does not run (spec §5.3: score 0). */
export class WrongCompetitionError extends Sn21Error {
  constructor(got: string, expected: string) {
    super('WRONG_COMPETITION', `commitment is for competition "${got}", the current one is "${expected}"`, {
      disposition: 'penalty',
      penaltyScore: FAILED_SCORE,
      hint: `re-submit with --competition ${expected}`,
      details: { got, expected },
    });
  }
}

/** The hub cannot be reached, or answered with a server error or rate limit: try again later. */
export class HubUnavailableError extends Sn21Error {
  constructor(what: string, reason: string, options: { cause?: unknown; status?: number } = {}) {
    super('HUB_UNAVAILABLE', `hub unavailable for ${what}: ${reason}`, {
      disposition: 'retry',
      hint: 'check network access to the hub (or --sn21.hub_url); the validator retries on its next round',
      details: { what, status: options.status },
      cause: options.cause,
    });
  }
}

/** The committed repository or revision does not exist (or is private): the pointer is dead. */
export class RevisionNotFoundError extends Sn21Error {
  constructor(repo: string, revision: string, reason: string, options: { cause?: unknown } = {}) {
    super('REVISION_NOT_FOUND', `${repo}@${revision} is not on the hub: ${reason}`, {
      disposition: 'penalty',
      penaltyScore: FAILED_SCORE,
      hint: 'the repo must be public and keep the committed revision; re-submit if it moved',
      details: { repo, revision },
      cause: options.cause,
    });
  }
}

/** The repository at the revision is bigger than the validator accepts. */
export class RepoTooLargeError extends Sn21Error {
  constructor(repo: string, bytes: number, limit: number) {
    super('REPO_TOO_LARGE', `${repo} holds ${bytes} bytes, more than the limit of ${limit}`, {
      disposition: 'penalty',
      penaltyScore: FAILED_SCORE,
      hint: 'keep only the contract files in the repo (docs/sn21.md) and quantise the decoder if needed',
      details: { repo, bytes, limit },
    });
  }
}

/** A file the contract requires is missing (from a repo at its revision, or from a local folder). */
export class MissingFileError extends Sn21Error {
  constructor(where: string, files: readonly string[], disposition: 'penalty' | 'usage' = 'penalty') {
    super('MISSING_FILE', `${where} lacks ${files.join(', ')}`, {
      disposition,
      penaltyScore: FAILED_SCORE,
      hint: 'a model folder holds sn21.json, tokenizer.json and the three ONNX graphs it names (docs/sn21.md)',
      details: { where, files },
    });
  }
}

/** `hotkey.txt` is missing or names another hotkey than the one that committed (spec §5.3). */
export class HotkeyMismatchError extends Sn21Error {
  constructor(repo: string, expected: string, found: string | undefined) {
    super(
      'HOTKEY_MISMATCH',
      found === undefined
        ? `${repo} has no hotkey.txt`
        : `${repo}/hotkey.txt names ${found.slice(0, 64)}, not the committing hotkey ${expected}`,
      {
        disposition: 'penalty',
        penaltyScore: PENALTY_SCORE,
        hint: 'hotkey.txt must hold the SS58 address of the hotkey that commits (taonode sn21 submit writes it)',
        details: { repo, expected, found },
      },
    );
  }
}

/** The repo was created less than the allowed gap before the commitment block (spec §5.3). */
export class RepoTooNewError extends Sn21Error {
  constructor(repo: string, createdAtMs: number | undefined, commitTimeMs: number, minGapMs: number) {
    super(
      'REPO_TOO_NEW',
      createdAtMs === undefined
        ? `${repo}: the hub reports no creation date`
        : `${repo} was created ${Math.round((commitTimeMs - createdAtMs) / 1000)} s before its commitment block; at least ${minGapMs / 1000} s are required`,
      {
        disposition: 'penalty',
        penaltyScore: PENALTY_SCORE,
        hint: 'create the repo and upload before committing (taonode sn21 submit does it in that order)',
        details: { repo, createdAtMs, commitTimeMs, minGapMs },
      },
    );
  }
}

/** The model files break the ONNX contract: corrupt, custom ops, wrong shapes, too big. */
export class ModelContractError extends Sn21Error {
  constructor(file: string, reason: string, details: Record<string, unknown> = {}, cause?: unknown) {
    super('MODEL_CONTRACT', `${file}: ${reason}`, {
      disposition: 'penalty',
      penaltyScore: FAILED_SCORE,
      hint: 'see the model contract in docs/sn21.md; `taonode sn21 submit` checks a folder before uploading',
      details: { file, ...details },
      cause,
    });
  }
}

/** The model did not finish its evaluation within the per-model time limit. */
export class EvaluationTimeoutError extends Sn21Error {
  constructor(limitMs: number, rowsDone: number, rowsTotal: number) {
    super('EVALUATION_TIMEOUT', `evaluation exceeded ${limitMs} ms after ${rowsDone}/${rowsTotal} rows`, {
      disposition: 'penalty',
      penaltyScore: FAILED_SCORE,
      hint: 'the model must caption every row within the time limit; make it smaller or make it stop (eos)',
      details: { limitMs, rowsDone, rowsTotal },
    });
  }
}

/** The model ran but failed at inference time (ONNX Runtime error, non-finite logits). */
export class ModelRunError extends Sn21Error {
  constructor(reason: string, cause?: unknown) {
    super('MODEL_RUN', `the model failed while captioning: ${reason}`, {
      disposition: 'penalty',
      penaltyScore: FAILED_SCORE,
      hint: 'run `taonode sn21 submit --check-only` on the folder to see the failure locally',
      cause,
    });
  }
}

/** No usable evaluation rows (dataset empty, unreachable, or too old): the validator waits. */
export class DatasetUnavailableError extends Sn21Error {
  constructor(reason: string, cause?: unknown) {
    super('DATASET_UNAVAILABLE', `no evaluation rows: ${reason}`, {
      disposition: 'retry',
      hint: 'check --sn21.dataset (a local SN24 dataset folder or a hub dataset repo) and that SN24 rows are recent',
      cause,
    });
  }
}

/** The chain refused the commitment because of its rate limit or per-epoch space. */
export class CommitmentRateLimitedError extends Sn21Error {
  constructor(chainError: string, cause?: unknown) {
    super(
      'COMMITMENT_RATE_LIMITED',
      `the chain refused the commitment (${chainError}): a hotkey may only commit so often`,
      {
        disposition: 'retry',
        hint: 'the model is uploaded; wait (about 20 minutes on finney, or until the next epoch) and run the same submit again with --commit-only',
        details: { chainError },
        cause,
      },
    );
  }
}

/** A hub write was refused: no token, or one without write access to the repo. */
export class HubAuthError extends Sn21Error {
  constructor(reason: string, cause?: unknown) {
    super('HUB_AUTH', `hub refused the upload: ${reason}`, {
      disposition: 'usage',
      hint: 'set HF_TOKEN (or --hf-token-file) to a token with write access to the repo namespace',
      cause,
    });
  }
}
