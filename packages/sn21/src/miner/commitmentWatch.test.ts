import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChainError } from '@taonode/chain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModelCommitment, formatModelCommitment } from '../commitment/modelCommitment.js';
import { hashModelFolder } from '../hub/contentHash.js';
import { uploadModelFolder } from '../hub/hubUpload.js';
import {
  ensureTinySn21Models,
  type FakeModelHub,
  startFakeModelHub,
  type TinySn21Models,
} from '../testing/index.js';
import type { Sn21Logger } from '../validator/sn21Logger.js';
import { type MinerChain, MinerCommitmentWatch, type MinerWatchSettings } from './commitmentWatch.js';

const token = 'hf_write';
const hotkey = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty';
let tiny: TinySn21Models;
let hub: FakeModelHub;
let work: string;
let good: string;
let noHotkey: string;

class Log implements Sn21Logger {
  lines: { level: string; message: string; details: Record<string, unknown> }[] = [];
  info = (details: Record<string, unknown>, message: string) =>
    this.lines.push({ level: 'info', message, details });
  warn = (details: Record<string, unknown>, message: string) =>
    this.lines.push({ level: 'warn', message, details });
  error = (details: Record<string, unknown>, message: string) =>
    this.lines.push({ level: 'error', message, details });
}

/** An in-memory commitments pallet for one hotkey; `refuse` makes the next commits fail. */
class FakeChain implements MinerChain {
  block = 100;
  stored: { block: number; text: string } | undefined;
  refuse: ChainError | undefined;
  down = false;
  committed: string[] = [];
  async commitment() {
    if (this.down) throw new ChainError('ChainDisconnectedError', 'not connected to the chain at ws://x');
    return this.stored;
  }
  async commit(text: string) {
    if (this.refuse) throw this.refuse;
    this.committed.push(text);
    this.stored = { block: ++this.block, text };
    return { blockHash: `0x${String(this.block).padStart(64, '0')}` };
  }
}

async function publish(repo: string, withHotkey: boolean): Promise<string> {
  const dir = join(work, repo.replace('/', '_'));
  await cp(tiny.dirs.good, dir, { recursive: true });
  if (withHotkey) await writeFile(join(dir, 'hotkey.txt'), `${hotkey}\n`);
  const files = (await hashModelFolder(dir)).files.map((f) => f.path);
  return uploadModelFolder(
    { hubUrl: hub.url, accessToken: token },
    { repo, dir, paths: [...files, ...(withHotkey ? ['hotkey.txt'] : [])], title: repo },
  );
}

const pointer = (repo: string, sha: string, competition = 'o1') =>
  formatModelCommitment(buildModelCommitment({ repo, commit: sha, competition }));

beforeAll(async () => {
  tiny = await ensureTinySn21Models();
  hub = await startFakeModelHub({ token });
  work = await mkdtemp(join(tmpdir(), 'sn21-minerwatch-'));
  good = await publish('alice/good', true);
  noHotkey = await publish('alice/nohotkey', false);
}, 60_000);
afterAll(async () => {
  await hub?.close();
  await rm(work, { recursive: true, force: true });
});

function watch(chain: FakeChain, over: Partial<MinerWatchSettings> = {}, now = () => 1_000_000) {
  const log = new Log();
  const w = new MinerCommitmentWatch(
    { chain, hub: { hubUrl: hub.url }, logger: log, now },
    { hotkey, competition: 'o1', autoCommit: true, retryAfterMs: 60_000, ...over },
  );
  return { w, log };
}

describe('the SN21 miner commitment watch', () => {
  it('without a configured model it reports what is on chain: missing, malformed, wrong competition, ok', async () => {
    const chain = new FakeChain();
    const { w, log } = watch(chain);
    expect((await w.check()).state).toBe('missing');
    chain.stored = { block: 5, text: 'garbage' };
    expect((await w.check()).state).toBe('malformed');
    chain.stored = { block: 6, text: pointer('alice/good', good, 'v4') };
    expect((await w.check()).state).toBe('wrong_competition');
    chain.stored = { block: 7, text: pointer('alice/good', good) };
    const ok = await w.check();
    expect(ok).toMatchObject({
      state: 'ok',
      repo: 'alice/good',
      revision: good,
      block: 7,
      checks: 4,
      commits: 0,
    });
    expect(chain.committed).toEqual([]); // nothing configured, nothing committed
    // Each change of state is logged once; a repeated state is not.
    await w.check();
    expect(log.lines.filter((l) => l.message.startsWith('SN21 miner: commitment')).length).toBe(4);
  });

  it('points the chain at the configured model (auto-commit), and re-commits when asked', async () => {
    const chain = new FakeChain();
    const { w } = watch(chain, { model: { repo: 'alice/good', revision: good } });
    const s = await w.check();
    expect(s).toMatchObject({ state: 'ok', commits: 1, commitment: pointer('alice/good', good) });
    expect(s.lastCommit?.blockHash).toMatch(/^0x/);
    await w.check();
    expect(chain.committed).toHaveLength(1);
    w.requestRecommit();
    expect(w.status.recommitPending).toBe(true);
    const again = await w.check();
    expect(again).toMatchObject({ state: 'ok', commits: 2, recommitPending: false });
    expect(chain.stored?.block).toBe(102);
  });

  it('auto-commit off: another pointer on chain is reported as differs, not replaced', async () => {
    const chain = new FakeChain();
    chain.stored = { block: 9, text: pointer('alice/nohotkey', noHotkey) };
    const { w } = watch(chain, { model: { repo: 'alice/good', revision: good }, autoCommit: false });
    expect((await w.check()).state).toBe('differs');
    expect(chain.committed).toEqual([]);
  });

  it('never commits a pointer validators would penalise; reports dead or bad pointers on chain', async () => {
    const chain = new FakeChain();
    const { w, log } = watch(chain, { model: { repo: 'alice/nohotkey', revision: noHotkey } });
    const s = await w.check();
    expect(chain.committed).toEqual([]);
    expect(s.state).toBe('missing');
    expect(
      log.lines.find((l) => l.message === 'SN21 miner: model not ready, not committing')?.details.state,
    ).toBe('hotkey_mismatch');
    const plain = watch(new FakeChain()).w;
    const c = (plain as unknown as { deps: { chain: FakeChain } }).deps.chain;
    c.stored = { block: 3, text: pointer('alice/good', 'b'.repeat(40)) };
    expect((await plain.check()).state).toBe('revision_not_found');
    c.stored = { block: 4, text: pointer('alice/nohotkey', noHotkey) };
    expect((await plain.check()).state).toBe('hotkey_mismatch');
  });

  it('a rate-limited commit backs off and is retried later; hub or chain trouble is reported, not fatal', async () => {
    const chain = new FakeChain();
    chain.refuse = new ChainError(
      'CommitmentSetRateLimitExceeded',
      'Commitments.CommitmentSetRateLimitExceeded',
    );
    let now = 1_000_000;
    const { w, log } = watch(chain, { model: { repo: 'alice/good', revision: good } }, () => now);
    const refused = await w.check();
    expect(refused.state).toBe('missing');
    expect(refused.lastCommit?.error?.code).toBe('COMMITMENT_RATE_LIMITED');
    expect(log.lines.some((l) => l.message.includes('refused the commitment') && l.details.hint)).toBe(true);
    chain.refuse = undefined;
    await w.check(); // still backing off
    expect(chain.committed).toEqual([]);
    now += 61_000;
    expect((await w.check()).state).toBe('ok');
    expect(chain.committed).toHaveLength(1);

    hub.failWith = 503;
    try {
      expect((await w.check()).state).toBe('hub_unavailable');
    } finally {
      hub.failWith = undefined;
    }
    chain.down = true;
    expect((await w.check()).state).toBe('chain_unavailable');
    chain.down = false;
    expect((await w.check()).state).toBe('ok');
  });
});
