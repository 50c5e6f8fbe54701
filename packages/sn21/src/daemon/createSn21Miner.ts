import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { MinerHooks, PluginContext } from '@taonode/neuron';
import { z } from 'zod';
import { hashModelFolder } from '../hub/contentHash.js';
import type { HubAccess } from '../hub/hubRepo.js';
import { COMMITMENT_STATES, type MinerChain, MinerCommitmentWatch } from '../miner/commitmentWatch.js';
import { resolveHfToken } from '../submit/hfToken.js';
import { submitModel } from '../submit/submitModel.js';
import type { Sn21Options } from './sn21Options.js';
import { minerModel, sessionOf } from './sn21Settings.js';

/** `touch <state_dir>/recommit`: the miner commits its model again on its next round (seconds). */
export const RECOMMIT_FILE = 'recommit';
/** How often the miner looks for a re-commit request between two full checks. */
const POLL_S = 5;

const publishedSchema = z
  .object({ repo: z.string(), contentHash: z.string(), revision: z.string() })
  .nullable();

/**
 * The SN21 miner on the neuron runtime: no axon. Its work loop publishes `--sn21.model_dir` once
 * (upload as one commit, unless the same content is already published: the slot remembers it), then
 * every `--sn21.check_interval` seconds checks that its commitment is on chain and points at a
 * reachable revision with the contract files and its hotkey.txt, committing again when the chain
 * lacks it (auto-commit) or when asked (the `recommit` file in the state folder). The state of the
 * commitment goes to `/healthz` and `/metrics` as figures.
 */
export function createSn21Miner(ctx: PluginContext<Sn21Options>): MinerHooks<unknown, unknown, Sn21Options> {
  const { options, logger, figures, chain, state } = ctx;
  const model = minerModel(options);
  const hub: HubAccess = { hubUrl: options.hubUrl };
  const published = state.slot('sn21Published', publishedSchema, null);
  const minerChain: MinerChain = {
    commitment: async () => {
      const c = await chain.commitment();
      return c === undefined ? undefined : { block: c.block, text: c.text };
    },
    commit: (text) => chain.setCommitment(text),
  };
  const recommitFile = join(state.dir, RECOMMIT_FILE);
  let watch: MinerCommitmentWatch | undefined;
  let nextCheckMs = 0;

  /** The revision of the folder on the hub: the remembered upload of the same content, or a new one. */
  async function publish(dir: string, repo: string): Promise<string> {
    const { contentHash } = await hashModelFolder(dir);
    const known = published.value;
    if (known && known.repo === repo && known.contentHash === contentHash) return known.revision;
    const accessToken = await resolveHfToken({
      ...(options.hfTokenFile === undefined ? {} : { file: options.hfTokenFile }),
      env: ctx.env.HF_TOKEN,
    });
    const r = await submitModel({
      dir,
      repo,
      hotkey: chain.hotkey,
      hub: { ...hub, accessToken },
      competition: options.competition,
      epoch: model.kind === 'none' ? '0' : model.epoch,
      check: { session: sessionOf(options) },
      onStep: (step, detail) => logger.info({ step, detail }, 'SN21 miner: publishing the model'),
    });
    await published.set({ repo, contentHash: r.contentHash, revision: r.revision });
    figures.add('sn21_uploads');
    logger.info({ repo, revision: r.revision, contentHash: r.contentHash }, 'SN21 miner: model published');
    return r.revision;
  }

  async function makeWatch(): Promise<MinerCommitmentWatch> {
    let target: { repo: string; revision: string; epoch: string } | undefined;
    if (model.kind === 'folder')
      target = { repo: model.repo, revision: await publish(model.dir, model.repo), epoch: model.epoch };
    else if (model.kind === 'revision')
      target = { repo: model.repo, revision: model.revision, epoch: model.epoch };
    else
      logger.warn(
        'SN21 miner: no model configured (--sn21.model_dir or --sn21.revision); only watching the commitment',
      );
    return new MinerCommitmentWatch(
      { chain: minerChain, hub, logger },
      {
        hotkey: chain.hotkey,
        competition: options.competition,
        ...(target ? { model: target } : {}),
        autoCommit: options.autoCommit === 'on',
        retryAfterMs: options.commitRetry * 1000,
      },
    );
  }

  return {
    async run() {
      // A failed publish (bad folder, hub down, no token) throws: the runtime logs it and retries.
      watch ??= await makeWatch();
      const asked = existsSync(recommitFile);
      if (asked) {
        await rm(recommitFile, { force: true });
        logger.info('SN21 miner: re-commit requested');
        watch.requestRecommit();
      }
      if (asked || Date.now() >= nextCheckMs) {
        const s = await watch.check();
        nextCheckMs = Date.now() + options.checkInterval * 1000;
        figures.set('sn21_commitment', s.state);
        figures.set('sn21_commitment_ok', s.state === 'ok');
        figures.set('sn21_commitment_state', COMMITMENT_STATES.indexOf(s.state));
        figures.set('sn21_commitment_detail', s.detail);
        figures.set('sn21_commitment_block', s.block ?? null);
        figures.set('sn21_commits', s.commits);
        figures.set('sn21_checks', s.checks);
      }
      return Math.min(POLL_S, options.checkInterval);
    },
  };
}
