import { createHash } from 'node:crypto';
import { DEFAULT_COMPETITION, MAX_COMMITMENT_BYTES } from '../constants.js';
import { CommitmentFormatError } from '../errors.js';

/** A model pointer as committed on chain (spec §2.2). */
export interface ModelCommitment {
  /** Hugging Face user or organisation. */
  namespace: string;
  /** Repo name; the repo id is `namespace/name`. */
  name: string;
  /** Checkpoint label (informational; usually "0"). */
  epoch: string;
  /** 40-hex git commit of the repo the validator evaluates (pinned, spec §8.1). */
  commit: string;
  /** The reference's name-derived hash: decimal 64-bit integer, informational only (spec §8.2). */
  hash: string;
  competition: string;
}

// Hub repo names: letters, digits, "-", "_", "."; no leading/trailing separator, no "--" or "..".
const REPO_PART = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,94}[A-Za-z0-9])?$/;
const EPOCH = /^[A-Za-z0-9._-]{1,32}$/;
const COMMIT = /^[0-9a-f]{40}$/;
const HASH = /^[0-9]{1,20}$/;
const COMPETITION = /^[A-Za-z0-9_-]{1,16}$/;
const U64_MAX = (1n << 64n) - 1n;

/** `repo` as `namespace/name`. */
export function commitmentRepo(c: Pick<ModelCommitment, 'namespace' | 'name'>): string {
  return `${c.namespace}/${c.name}`;
}

/**
 * The reference's "hash" field: int(sha256("<namespace> <name> <epoch> <competition>")[:16], 16)
 * as decimal. It identifies names, not weights; copy detection hashes the files instead.
 */
export function nameHash(namespace: string, name: string, epoch: string, competition: string): string {
  const hex = createHash('sha256').update(`${namespace} ${name} ${epoch} ${competition}`).digest('hex');
  return BigInt(`0x${hex.slice(0, 16)}`).toString(10);
}

function check(field: string, value: string, pattern: RegExp, what: string): void {
  if (!pattern.test(value)) {
    throw new CommitmentFormatError(`${field} "${value.slice(0, 48)}" is not ${what}`, { field });
  }
  if ((field === 'namespace' || field === 'name') && (value.includes('--') || value.includes('..'))) {
    throw new CommitmentFormatError(`${field} "${value.slice(0, 48)}" contains "--" or ".."`, { field });
  }
}

function validate(c: ModelCommitment): void {
  check('namespace', c.namespace, REPO_PART, 'a hub user or organisation name');
  check('name', c.name, REPO_PART, 'a hub repo name');
  check('epoch', c.epoch, EPOCH, 'an epoch label ([A-Za-z0-9._-], ≤ 32)');
  check('commit', c.commit, COMMIT, 'a 40-character lower-case hex commit sha');
  check('hash', c.hash, HASH, 'a decimal 64-bit integer');
  if (BigInt(c.hash) > U64_MAX)
    throw new CommitmentFormatError('hash is larger than 64 bits', { field: 'hash' });
  check('competition', c.competition, COMPETITION, 'a competition id ([A-Za-z0-9_-], ≤ 16)');
}

/** `namespace:name:epoch:commit:hash:competition`, at most 128 UTF-8 bytes. */
export function formatModelCommitment(c: ModelCommitment): string {
  validate(c);
  const text = [c.namespace, c.name, c.epoch, c.commit, c.hash, c.competition].join(':');
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_COMMITMENT_BYTES) {
    throw new CommitmentFormatError(
      `the commitment is ${bytes} bytes, more than ${MAX_COMMITMENT_BYTES}; use a shorter repo name`,
      { bytes },
    );
  }
  return text;
}

/** A commitment for a fresh upload, with the reference's name hash filled in. */
export function buildModelCommitment(args: {
  repo: string;
  commit: string;
  epoch?: string;
  competition: string;
}): ModelCommitment {
  const slash = args.repo.indexOf('/');
  if (slash < 0 || args.repo.indexOf('/', slash + 1) >= 0) {
    throw new CommitmentFormatError(`repo "${args.repo}" is not namespace/name`, { field: 'repo' });
  }
  const namespace = args.repo.slice(0, slash);
  const name = args.repo.slice(slash + 1);
  const epoch = args.epoch ?? '0';
  const c = {
    namespace,
    name,
    epoch,
    commit: args.commit,
    hash: nameHash(namespace, name, epoch, args.competition),
    competition: args.competition,
  };
  validate(c);
  return c;
}

/**
 * Parses a commitment read from chain. Five fields mean the original competition (the reference's
 * rule); the literal "None" for the commit is refused, because the validator only evaluates a
 * pinned revision. Throws CommitmentFormatError (disposition `ignore`) with the reason.
 */
export function parseModelCommitment(text: string): ModelCommitment {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes === 0) throw new CommitmentFormatError('the commitment is empty');
  if (bytes > MAX_COMMITMENT_BYTES) {
    throw new CommitmentFormatError(`the commitment is ${bytes} bytes, more than ${MAX_COMMITMENT_BYTES}`, {
      bytes,
    });
  }
  const parts = text.split(':');
  if (parts.length !== 5 && parts.length !== 6) {
    throw new CommitmentFormatError(`expected 6 colon-separated fields, got ${parts.length}`, {
      fields: parts.length,
    });
  }
  const [namespace, name, epoch, commit, hash, competition] = parts as [
    string,
    string,
    string,
    string,
    string,
    string | undefined,
  ];
  if (commit === 'None')
    throw new CommitmentFormatError('commit is "None": a revision must be pinned', { field: 'commit' });
  const c: ModelCommitment = {
    namespace,
    name,
    epoch,
    commit,
    hash,
    competition: competition ?? DEFAULT_COMPETITION,
  };
  validate(c);
  return c;
}

/** Like parseModelCommitment, but returns the error instead of throwing (for scanning all of a subnet). */
export function tryParseModelCommitment(
  text: string,
): { ok: true; commitment: ModelCommitment } | { ok: false; error: CommitmentFormatError } {
  try {
    return { ok: true, commitment: parseModelCommitment(text) };
  } catch (err) {
    if (err instanceof CommitmentFormatError) return { ok: false, error: err };
    throw err;
  }
}
