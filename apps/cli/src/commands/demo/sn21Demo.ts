import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findRepoRoot } from '@taonode/kit';
import { readJsonLog } from '@taonode/neuron';
import { startModelHubStandIn } from '@taonode/sn21/demo';
import type { DemoExtras } from './demoSubnets.js';

/** The stand-in hub's write token: a demo value, not a secret (the hub listens on 127.0.0.1 only). */
const DEMO_TOKEN = 'hf_taonode_demo';
/** Model folders the registry's prepare step writes (`prepareDemoMain --dir {cacheDir}/sn21-demo`). */
const MODELS = ['miner1', 'miner2'];

/**
 * SN21's part of `taonode demo`: a stand-in hub on this machine (the hub's wire format, every commit
 * kept), then miner i publishes the tiny model of `models/miner<i>` to `demo/miner<i>` and commits
 * it; the validator fetches both at their committed revisions, scores them against the baseline on
 * the demo's rows and weights them with the two-pool rule. Miners past the prepared models only
 * watch their (missing) commitment.
 */
export async function startSn21Demo(): Promise<DemoExtras> {
  const dir = join(findRepoRoot() ?? process.cwd(), '.cache', 'sn21-demo');
  await mkdir(dir, { recursive: true });
  const tokenFile = join(dir, 'hf_token');
  await writeFile(tokenFile, `${DEMO_TOKEN}\n`, { mode: 0o600 });
  const hub = await startModelHubStandIn({ token: DEMO_TOKEN });
  return {
    validatorArgs: ['--sn21.hub_url', hub.url],
    minerArgs: (i) => [
      ...['--sn21.hub_url', hub.url, '--sn21.check_interval', '10'],
      ...(i <= MODELS.length
        ? [
            ...['--sn21.model_dir', join(dir, 'models', MODELS[i - 1]!), '--sn21.repo', `demo/miner${i}`],
            ...['--sn21.hf_token_file', tokenFile],
          ]
        : []),
    ],
    async afterWeights({ out, validatorLog }) {
      const scored = (await readJsonLog(validatorLog)).filter((l) => l.msg === 'SN21 model scored');
      const last = new Map(scored.map((l) => [l.uid, l]));
      for (const [uid, l] of [...last].sort((a, b) => Number(a[0]) - Number(b[0]))) {
        out(
          `SN21 uid ${uid}: model ${String(l.revision).slice(0, 12)} scored ${Number(l.score).toFixed(4)} (baseline ${Number(l.baseline).toFixed(4)})`,
        );
      }
    },
    close: () => hub.close(),
  };
}
