import {
  buildModelCommitment,
  commitmentRepo,
  formatModelCommitment,
  tryParseModelCommitment,
} from '../commitment/modelCommitment.js';
import { HOTKEY_FILE, MODEL_FILES } from '../contract/modelFiles.js';
import { Sn21Error } from '../errors.js';
import { type HubAccess, readRepoSnapshot, readRepoText } from '../hub/hubRepo.js';
import { mapCommitError } from '../submit/commitError.js';
import type { Sn21Logger } from '../validator/sn21Logger.js';

/** What the miner reads and writes on chain (the plug-in implements it with @taonode/chain). */
export interface MinerChain {
  /** This hotkey's commitment on the subnet, or undefined when it has none. */
  commitment(): Promise<{ block: number; text: string } | undefined>;
  /** Signs and submits a commitment with the hotkey; chain refusals throw (ChainError). */
  commit(text: string): Promise<{ blockHash: string }>;
}

export interface MinerWatchSettings {
  /** SS58 of the miner's hotkey: hotkey.txt in the repo must hold it. */
  hotkey: string;
  competition: string;
  /** The model this miner publishes. When set, the commitment should point at exactly this. */
  model?: { repo: string; revision: string; epoch?: string };
  /** Commit `model` unasked when the chain holds nothing or another pointer. */
  autoCommit: boolean;
  /** After a refused commit (rate limit, chain trouble), the next try waits this long. */
  retryAfterMs: number;
}

/**
 * Where the miner's commitment stands. Only `ok` means validators can evaluate it; the others name
 * what a validator would do about it (docs/sn21.md): ignore it (`missing`, `malformed`), score 0
 * (`wrong_competition`, `revision_not_found`, `missing_files`), 0.001 (`hotkey_mismatch`), or it
 * could not be checked right now (`hub_unavailable`, `chain_unavailable`). `differs`: a valid
 * pointer, but not at the configured model (auto-commit off, or a commit still refused).
 */
export type CommitmentState =
  | 'ok'
  | 'missing'
  | 'malformed'
  | 'wrong_competition'
  | 'differs'
  | 'revision_not_found'
  | 'missing_files'
  | 'hotkey_mismatch'
  | 'hub_unavailable'
  | 'chain_unavailable';

export const COMMITMENT_STATES: readonly CommitmentState[] = [
  'ok',
  'missing',
  'malformed',
  'wrong_competition',
  'differs',
  'revision_not_found',
  'missing_files',
  'hotkey_mismatch',
  'hub_unavailable',
  'chain_unavailable',
];

export interface LastCommit {
  atMs: number;
  commitment: string;
  blockHash?: string;
  /** Error code and message when the chain refused it. */
  error?: { code: string; message: string };
}

export interface MinerCommitmentStatus {
  state: CommitmentState;
  /** One line for logs and /healthz. */
  detail: string;
  commitment?: string;
  block?: number;
  repo?: string;
  revision?: string;
  checkedAtMs?: number;
  checks: number;
  commits: number;
  lastCommit?: LastCommit;
  /** A re-commit was asked for and has not happened yet. */
  recommitPending: boolean;
}

type Check = { state: CommitmentState; detail: string; repo?: string; revision?: string };

/**
 * The SN21 miner's work loop logic: is the commitment on chain, does it parse, does it point at a
 * revision that exists on the hub with the contract files and a hotkey.txt naming this hotkey — the
 * cheap checks a validator makes before downloading anything. Commits the configured model when the
 * chain lacks it (auto-commit) or when a re-commit is requested, after checking the model on the hub
 * first, and backs off after a refusal (the commitments pallet rate-limits each hotkey).
 */
export class MinerCommitmentWatch {
  private current: MinerCommitmentStatus = {
    state: 'missing',
    detail: 'not checked yet',
    checks: 0,
    commits: 0,
    recommitPending: false,
  };
  private nextCommitAtMs = 0;
  private readonly now: () => number;

  constructor(
    private readonly deps: { chain: MinerChain; hub: HubAccess; logger: Sn21Logger; now?: () => number },
    private readonly settings: MinerWatchSettings,
  ) {
    this.now = deps.now ?? Date.now;
  }

  get status(): MinerCommitmentStatus {
    return { ...this.current };
  }

  /** The configured model's commitment text, when a model is configured. */
  get desired(): string | undefined {
    const m = this.settings.model;
    if (m === undefined) return undefined;
    return formatModelCommitment(
      buildModelCommitment({
        repo: m.repo,
        commit: m.revision,
        competition: this.settings.competition,
        ...(m.epoch === undefined ? {} : { epoch: m.epoch }),
      }),
    );
  }

  /** The next check commits again (the configured model, else the pointer on chain), backoff aside. */
  requestRecommit(): void {
    this.current.recommitPending = true;
    this.nextCommitAtMs = 0;
  }

  async check(): Promise<MinerCommitmentStatus> {
    const before = this.current.state;
    this.current.checks++;
    this.current.checkedAtMs = this.now();
    let onChain: { block: number; text: string } | undefined;
    try {
      onChain = await this.deps.chain.commitment();
    } catch (err) {
      this.settle(
        { state: 'chain_unavailable', detail: `cannot read the commitment: ${message(err)}` },
        before,
      );
      return this.status;
    }
    const target = this.commitTarget(onChain);
    if (target !== undefined && this.now() >= this.nextCommitAtMs) {
      const committed = await this.commit(target);
      if (committed) {
        try {
          onChain = await this.deps.chain.commitment();
        } catch {
          // The new pointer shows on the next check.
        }
      }
    }
    this.current.commitment = onChain?.text;
    this.current.block = onChain?.block;
    this.settle(await this.inspect(onChain), before);
    return this.status;
  }

  /** The text to commit now, if any: a pending request, or auto-commit of a missing/other pointer. */
  private commitTarget(onChain: { text: string } | undefined): string | undefined {
    const desired = this.desired;
    if (this.current.recommitPending) return desired ?? onChain?.text;
    if (this.settings.autoCommit && desired !== undefined && onChain?.text !== desired) return desired;
    return undefined;
  }

  private async commit(text: string): Promise<boolean> {
    const log = this.deps.logger;
    // Never point the chain at something validators would penalise.
    const parsed = tryParseModelCommitment(text);
    if (!parsed.ok) {
      this.current.recommitPending = false;
      log.error(
        { commitment: text.slice(0, 160), reason: parsed.error.message },
        'SN21 miner: not committing',
      );
      return false;
    }
    const pre = await this.inspectPointer(commitmentRepo(parsed.commitment), parsed.commitment.commit);
    if (pre.state !== 'ok') {
      this.nextCommitAtMs = this.now() + this.settings.retryAfterMs;
      log.error(
        { commitment: text, state: pre.state, reason: pre.detail },
        'SN21 miner: model not ready, not committing',
      );
      return false;
    }
    const atMs = this.now();
    try {
      log.info({ commitment: text }, 'SN21 miner: committing the model pointer');
      const r = await this.deps.chain.commit(text);
      this.current.commits++;
      this.current.recommitPending = false;
      this.current.lastCommit = { atMs, commitment: text, blockHash: r.blockHash };
      log.info({ commitment: text, blockHash: r.blockHash }, 'SN21 miner: commitment on chain');
      return true;
    } catch (raw) {
      const err = mapCommitError(raw);
      const code = err instanceof Sn21Error ? err.code : err instanceof Error ? err.name : 'ERROR';
      this.nextCommitAtMs = this.now() + this.settings.retryAfterMs;
      this.current.lastCommit = { atMs, commitment: text, error: { code, message: message(err) } };
      log.warn(
        {
          commitment: text,
          code,
          reason: message(err),
          retryInS: Math.round(this.settings.retryAfterMs / 1000),
          ...(err instanceof Sn21Error && err.hint ? { hint: err.hint } : {}),
        },
        'SN21 miner: the chain refused the commitment; trying again later',
      );
      return false;
    }
  }

  private async inspect(onChain: { block: number; text: string } | undefined): Promise<Check> {
    if (onChain === undefined) {
      return {
        state: 'missing',
        detail:
          this.settings.model === undefined
            ? 'no commitment on chain: submit a model (taonode sn21 submit) or set --sn21.repo and --sn21.revision'
            : 'no commitment on chain yet',
      };
    }
    const parsed = tryParseModelCommitment(onChain.text);
    if (!parsed.ok) return { state: 'malformed', detail: parsed.error.message };
    const c = parsed.commitment;
    const repo = commitmentRepo(c);
    if (c.competition !== this.settings.competition) {
      return {
        state: 'wrong_competition',
        detail: `the commitment is for competition "${c.competition}", validators run "${this.settings.competition}"`,
        repo,
        revision: c.commit,
      };
    }
    const desired = this.desired;
    if (desired !== undefined && onChain.text !== desired) {
      return {
        state: 'differs',
        detail: `the chain points at ${repo}@${c.commit.slice(0, 12)}, not at the configured ${this.settings.model?.repo}@${this.settings.model?.revision.slice(0, 12)}`,
        repo,
        revision: c.commit,
      };
    }
    return { ...(await this.inspectPointer(repo, c.commit)), repo, revision: c.commit };
  }

  /** The checks a validator makes before downloading: revision exists, files there, hotkey.txt. */
  private async inspectPointer(repo: string, revision: string): Promise<Check> {
    const target = { repo, revision };
    try {
      const snapshot = await readRepoSnapshot(this.deps.hub, target);
      const paths = new Set(snapshot.files.map((f) => f.path));
      const missing = Object.values(MODEL_FILES).filter((p) => !paths.has(p));
      if (missing.length > 0) {
        return {
          state: 'missing_files',
          detail: `${repo}@${revision.slice(0, 12)} lacks ${missing.join(', ')}`,
        };
      }
      const found = paths.has(HOTKEY_FILE)
        ? (await readRepoText(this.deps.hub, target, HOTKEY_FILE, 1024))?.trim()
        : undefined;
      if (found !== this.settings.hotkey) {
        return {
          state: 'hotkey_mismatch',
          detail:
            found === undefined
              ? `${repo}@${revision.slice(0, 12)} has no hotkey.txt`
              : `${repo}@${revision.slice(0, 12)}/hotkey.txt names ${found.slice(0, 64)}, not ${this.settings.hotkey}`,
        };
      }
      return { state: 'ok', detail: `${repo}@${revision.slice(0, 12)} is on the hub with this hotkey` };
    } catch (err) {
      if (err instanceof Sn21Error && err.code === 'REVISION_NOT_FOUND') {
        return { state: 'revision_not_found', detail: err.message };
      }
      if (err instanceof Sn21Error && err.disposition === 'retry') {
        return { state: 'hub_unavailable', detail: err.message };
      }
      return {
        state: 'hub_unavailable',
        detail: `cannot check ${repo}@${revision.slice(0, 12)}: ${message(err)}`,
      };
    }
  }

  /** Records the check's result; a change of state is logged (ok at info, anything else at warn). */
  private settle(check: Check, before: CommitmentState): void {
    const changed = check.state !== before || check.detail !== this.current.detail;
    this.current.state = check.state;
    this.current.detail = check.detail;
    this.current.repo = check.repo;
    this.current.revision = check.revision;
    if (!changed) return;
    const details = {
      state: check.state,
      detail: check.detail,
      ...(this.current.commitment === undefined ? {} : { commitment: this.current.commitment }),
      ...(this.current.block === undefined ? {} : { block: this.current.block }),
    };
    if (check.state === 'ok') this.deps.logger.info(details, 'SN21 miner: commitment checked');
    else this.deps.logger.warn(details, 'SN21 miner: commitment needs attention');
  }
}

function message(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0]!.slice(0, 300);
}
