import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDatasetSource } from '../evaluation/datasetSource.js';
import { ModelCache } from '../hub/modelCache.js';
import { emptySn21State } from '../scoring/scoreState.js';
import { submitModel } from '../submit/submitModel.js';
import { loadTinyImageBindText } from '../testing/index.js';
import { Sn21ValidatorEngine } from '../validator/validatorEngine.js';
import { sn21WeightRound } from '../validator/weightRound.js';
import { type ModelHubStandIn, prepareSn21Demo, startModelHubStandIn } from './index.js';

const token = 'hf_demo';
const miners = [
  '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty',
  '5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y',
];
let work: string;
let hub: ModelHubStandIn;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'sn21-demo-'));
  hub = await startModelHubStandIn({ token });
});
afterAll(async () => {
  await hub?.close();
  await rm(work, { recursive: true, force: true });
});

describe('the SN21 demo pieces', () => {
  it('two miners submit the demo models; the validator ranks good > baseline > noise and weights follow', async () => {
    const nowMs = Date.now();
    const files = await prepareSn21Demo(join(work, 'demo'), nowMs);
    const commitments: { hotkey: string; block: number; text: string }[] = [];
    for (const [i, dir] of files.minerModels.entries()) {
      const r = await submitModel({
        dir,
        repo: `demo/miner${i + 1}`,
        hotkey: miners[i]!,
        hub: { hubUrl: hub.url, accessToken: token },
        check: { session: { device: 'cpu', threads: 1 } },
        commit: async (text) => {
          commitments.push({ hotkey: miners[i]!, block: 10 + i, text });
          return { blockHash: '0x01' };
        },
      });
      expect(r.blockHash).toBe('0x01');
    }
    const text = await loadTinyImageBindText();
    try {
      const engine = new Sn21ValidatorEngine(
        {
          // Block n at an hour after the repos' creation + 12 s·n.
          chain: {
            commitments: async () => commitments,
            blockInfo: async (n) => ({
              hash: `0x${createHash('sha256').update(String(n)).digest('hex')}`,
              timeMs: nowMs + 3_600_000 + n * 12_000,
            }),
          },
          hub: { hubUrl: hub.url },
          cache: await ModelCache.open({ dir: join(work, 'cache'), maxBytes: 64 * 1024 ** 2 }),
          dataset: localDatasetSource(files.datasetDir),
          text,
          baseline: { kind: 'local', dir: files.baselineModel },
          logger: { info: () => {}, warn: () => {}, error: () => {} },
        },
        {
          competition: 'o1',
          roundBlocks: 100,
          timeLimitMs: 60_000,
          reevaluateAfterMs: 3_600_000,
          session: { device: 'cpu', threads: 1 },
        },
      );
      const hotkeys = ['5C4hrfjw9DjXZTzV3MwzrrAr9P1MJhSrvWGWqi1eSuyUpnhM', ...miners];
      const { state, report } = await engine.step(emptySn21State('o1'), {
        hotkeys,
        currentBlock: 120,
        budgetMs: 300_000,
      });
      const scores = new Map(report.evaluated.map((e) => [e.uid, e.kind === 'scored' ? e.score : -1]));
      expect(scores.get(1)).toBeCloseTo(1, 5);
      expect(scores.get(1)).toBeGreaterThan(report.baseline!);
      expect(scores.get(2)).toBeLessThan(report.baseline!);
      const { weights } = sn21WeightRound(state, hotkeys.length, { burnUid: 0 });
      expect(weights[1]).toBeGreaterThan(weights[2]!);
      expect(weights[2]).toBeGreaterThan(0);
    } finally {
      await text.release();
    }
  }, 180_000);
});
