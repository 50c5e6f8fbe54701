import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomic } from '@taonode/kit';
import { z } from 'zod';
import { PendingRevealStoreError } from './errors.js';

const u16 = z.number().int().min(0).max(65535);

const pendingRevealSchema = z.object({
  commitHash: z.string().regex(/^0x[0-9a-f]{64}$/),
  netuid: u16,
  mecid: z.number().int().min(0).max(255),
  hotkey: z.string().min(1),
  uids: z.array(u16),
  values: z.array(u16),
  salt: z.array(u16),
  /** u64 as a decimal string: JSON numbers cannot hold it. */
  versionKey: z.string().regex(/^\d+$/),
  /** `submitting` is written before the extrinsic goes out, so a crash cannot lose the salt. */
  status: z.enum(['submitting', 'committed']),
  createdAt: z.string(),
  /** Best block when the commit was sent: bounds how long an unconfirmed commit can still land. */
  submittedAtBlock: z.number().int().nonnegative().optional(),
  /** Block the commit was included in, once known. */
  commitBlock: z.number().int().nonnegative().optional(),
  /** Reveal window computed at commit time (inclusive). A hint: the chain has the last word. */
  revealFromBlock: z.number().int().nonnegative().optional(),
  revealUntilBlock: z.number().int().nonnegative().optional(),
  /** Runtimes with a stored epoch counter: the counter at commit time. */
  commitEpoch: z.number().int().nonnegative().optional(),
  revealPeriodEpochs: z.number().int().nonnegative().optional(),
});
export type PendingReveal = z.infer<typeof pendingRevealSchema>;

const lastSubmissionSchema = z.object({
  netuid: u16,
  mecid: z.number().int().min(0).max(255),
  hotkey: z.string().min(1),
  /** Digest of (uids, values, versionKey): the same weights give the same digest. */
  digest: z.string(),
  kind: z.enum(['set', 'commit']),
  block: z.number().int().nonnegative(),
});
export type LastSubmission = z.infer<typeof lastSubmissionSchema>;

const fileSchema = z.object({
  version: z.literal(1),
  pending: z.array(pendingRevealSchema),
  lastSubmissions: z.array(lastSubmissionSchema).default([]),
});
type StoreFile = z.infer<typeof fileSchema>;

interface Key {
  netuid: number;
  mecid?: number;
  hotkey: string;
}

const sameKey = (a: Key, b: Key) =>
  a.netuid === b.netuid && (a.mecid ?? 0) === (b.mecid ?? 0) && a.hotkey === b.hotkey;

/**
 * Pending commit-reveal state on disk (one small JSON file), so a validator that restarts between
 * commit and reveal still reveals. Every change rewrites the file atomically; changes within one
 * process are serialised. An unreadable file is an error, never silently replaced.
 */
export class PendingRevealStore {
  private chain: Promise<unknown> = Promise.resolve();

  constructor(readonly path: string) {}

  private async read(): Promise<StoreFile> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT')
        return { version: 1, pending: [], lastSubmissions: [] };
      throw new PendingRevealStoreError(`cannot read pending-reveal store ${this.path}`, this.path, err);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      throw new PendingRevealStoreError(
        `pending-reveal store ${this.path} is not valid JSON; move it aside to start fresh (its commits would then never be revealed)`,
        this.path,
        err,
      );
    }
    const parsed = fileSchema.safeParse(json);
    if (!parsed.success) {
      throw new PendingRevealStoreError(
        `pending-reveal store ${this.path} has an unexpected shape: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
        this.path,
        parsed.error,
      );
    }
    return parsed.data;
  }

  /** Runs read-modify-write steps one at a time. */
  private mutate<T>(fn: (state: StoreFile) => T): Promise<T> {
    const run = this.chain.then(async () => {
      const state = await this.read();
      const result = fn(state);
      await mkdir(dirname(this.path), { recursive: true });
      await writeFileAtomic(this.path, `${JSON.stringify(state, null, 2)}\n`);
      return result;
    });
    this.chain = run.catch(() => undefined);
    return run;
  }

  async list(filter?: Partial<Key>): Promise<PendingReveal[]> {
    await this.chain;
    const { pending } = await this.read();
    return pending.filter(
      (p) =>
        (filter?.netuid === undefined || p.netuid === filter.netuid) &&
        (filter?.mecid === undefined || p.mecid === filter.mecid) &&
        (filter?.hotkey === undefined || p.hotkey === filter.hotkey),
    );
  }

  add(entry: PendingReveal): Promise<void> {
    const valid = pendingRevealSchema.parse(entry);
    return this.mutate((s) => {
      s.pending = s.pending.filter((p) => p.commitHash !== valid.commitHash);
      s.pending.push(valid);
    });
  }

  update(commitHash: string, patch: Partial<Omit<PendingReveal, 'commitHash'>>): Promise<void> {
    return this.mutate((s) => {
      s.pending = s.pending.map((p) =>
        p.commitHash === commitHash ? pendingRevealSchema.parse({ ...p, ...patch }) : p,
      );
    });
  }

  remove(commitHash: string): Promise<void> {
    return this.mutate((s) => {
      s.pending = s.pending.filter((p) => p.commitHash !== commitHash);
    });
  }

  async lastSubmission(key: Key): Promise<LastSubmission | undefined> {
    await this.chain;
    const { lastSubmissions } = await this.read();
    return lastSubmissions.find((l) => sameKey(l, key));
  }

  recordSubmission(entry: LastSubmission): Promise<void> {
    const valid = lastSubmissionSchema.parse(entry);
    return this.mutate((s) => {
      s.lastSubmissions = [...s.lastSubmissions.filter((l) => !sameKey(l, valid)), valid];
    });
  }
}
