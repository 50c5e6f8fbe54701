import { NOISE_LAYOUT_VERSION, SdxlPipeline } from '@taonode/diffusion';
import { type PluginContext, type StepContext, servingMiners, type ValidatorHooks } from '@taonode/neuron';
import { createDendrite, type Dendrite } from '@taonode/transport';
import { ss58Decode } from '@taonode/wallet';
import { z } from 'zod';
import { GatewayAuth, readApiKeyFile } from '../gateway/gatewayAuth.js';
import { type GatewayServer, startGatewayServer } from '../gateway/gatewayServer.js';
import type { GatewayMiner, UserOutcome } from '../gateway/userRequest.js';
import { SN30_SIZE } from '../inputs/generationInputs.js';
import { manifestForDevice, modelIdentity, sn30ModelChoice } from '../model/sn30Model.js';
import { taoControlImage } from '../model/taoControlImage.js';
import { MinerClient } from '../validator/minerClient.js';
import { MinerDirectory } from '../validator/minerDirectory.js';
import { DEFAULT_METRICS_POLICY, type MetricsPolicy, type Sn30Metrics } from '../validator/minerMetrics.js';
import {
  emptySchedule,
  markTested,
  minerScheduleSchema,
  pickNextMiner,
  queueForTest,
  refreshSchedule,
} from '../validator/minerSchedule.js';
import { ReplayScorer } from '../validator/outputScorer.js';
import type { RequestShape } from '../validator/stressInputs.js';
import {
  newStressTest,
  runStressTest,
  type StressOutcome,
  type StressTestConfig,
  stressProgressSchema,
} from '../validator/stressTest.js';
import { pinoLog } from './pinoLog.js';
import type { Sn30Options } from './sn30Options.js';
import { outcomeReward, type Sn30Reward, sn30Scoring, stressComponents } from './sn30Scoring.js';

/** One step's work: the miner stress-tested (none when no eligible miner was free). */
export interface Sn30Round {
  tested?: { uid: number; hotkey: string; outcome: StressOutcome };
}

type UserTally = { uid: number; successes: number; failures: number; cheater: boolean };

/** Requests per minute of each miner's last test, by hotkey (the gateway's sampling weights). */
const ratesSchema = z.record(z.string(), z.number().nonnegative());
const userTallySchema = z.record(
  z.string(),
  z.object({
    uid: z.number().int(),
    successes: z.number().int(),
    failures: z.number().int(),
    cheater: z.boolean(),
  }),
);

/**
 * The SN30 validator on the neuron runtime (spec §4–§5 with the §8 fixes): every step stress-tests
 * one miner chosen by staleness (new hotkeys near the front; miners that failed a user request
 * queued early), audits a CSPRNG sample of its results by exact step replay, and hands the outcome
 * to `sn30Scoring`, whose metrics the runtime keeps and turns into weights once per tempo. A test in
 * progress is checkpointed in the state file after every round and audit, and resumed after a
 * restart. With `--sn30.gateway_port` it also serves user requests (POST /v1/generate).
 */
export async function createSn30Validator(
  ctx: PluginContext<Sn30Options>,
): Promise<ValidatorHooks<Dendrite, Sn30Round, Sn30Reward, Sn30Metrics>> {
  const { options, logger, state, chain, figures } = ctx;
  const log = pinoLog(logger);
  const choice = await sn30ModelChoice(options.model);
  const minSize = choice.minSize ?? SN30_SIZE.min;
  const gatewayOn = options.gatewayPort > 0;
  const pipeline = await SdxlPipeline.load(manifestForDevice(choice, options.inferenceDevice), {
    device: options.inferenceDevice,
    ...(options.inferenceThreads ? { threads: options.inferenceThreads } : {}),
    // Only the user-facing path decodes images.
    vae: gatewayOn,
    onFallback: (device, reason) => logger.warn({ device, reason }, 'inference device skipped'),
  });
  const model = modelIdentity(pipeline.manifest);
  const scorer = new ReplayScorer({
    pipeline,
    ...(pipeline.manifest.controlnet ? { controlImage: taoControlImage } : {}),
  });
  const policy: MetricsPolicy = {
    ...DEFAULT_METRICS_POLICY,
    maxAgeMs: options.metricsMaxAgeH * 3_600_000,
  };
  const shape: RequestShape = { width: options.width, height: options.height, steps: options.steps, minSize };
  const config: Partial<StressTestConfig> = {
    startConcurrency: options.startConcurrency,
    maxConcurrency: options.maxConcurrency,
    maxRequests: options.maxRequests,
    requestTimeoutS: options.requestTimeout,
  };
  // Our own signed client (the runtime's exists only inside a step): the gateway needs one anytime.
  const dendrite = createDendrite({
    signer: { ss58Address: chain.hotkey, publicKey: ss58Decode(chain.hotkey), sign: (m) => chain.sign(m) },
  });
  const client = new MinerClient(dendrite);
  const directory = new MinerDirectory(client, { model, noise: NOISE_LAYOUT_VERSION }, log);
  const testSlot = state.slot('stressTest', stressProgressSchema.nullable(), null);
  const scheduleSlot = state.slot('schedule', minerScheduleSchema, emptySchedule());
  const ratesSlot = state.slot('rates', ratesSchema, {});
  // User-request outcomes wait here for the next step's scoring (the strategy's state is the runtime's).
  const tallySlot = state.slot('userOutcomes', userTallySchema, {});
  let lastInfoBlock = Number.NEGATIVE_INFINITY;

  const recordUser = (o: UserOutcome) => {
    figures.add(o.ok ? 'user_results_ok' : 'user_results_failed');
    void tallySlot.update((t) => {
      const cur = t[o.miner.hotkey] ?? { uid: o.miner.uid, successes: 0, failures: 0, cheater: false };
      return {
        ...t,
        [o.miner.hotkey]: {
          uid: o.miner.uid,
          successes: cur.successes + (o.ok ? 1 : 0),
          failures: cur.failures + (o.ok ? 0 : 1),
          cheater: cur.cheater || o.cheater,
        },
      };
    });
    if (!o.ok)
      void scheduleSlot.update((s) => {
        queueForTest(s, o.miner.hotkey);
        return s;
      });
  };

  let gateway: GatewayServer | undefined;
  if (gatewayOn) {
    const keys = options.gatewayApiKeys ? readApiKeyFile(options.gatewayApiKeys) : [];
    const auth = new GatewayAuth({
      apiKeys: keys.map((k) => k.key),
      keyNames: keys.map((k) => k.name),
      allowedHotkeys: (options.gatewayHotkeys ?? '')
        .split(',')
        .map((h) => h.trim())
        .filter(Boolean),
      validatorHotkey: chain.hotkey,
    });
    gateway = await startGatewayServer({
      auth,
      host: options.gatewayHost,
      port: options.gatewayPort,
      minSize,
      log,
      deps: {
        client,
        scorer,
        validationChance: options.validationChance,
        timeoutS: options.requestTimeout,
        decode: (frame, w, h) => pipeline.decode(frame, w, h),
        record: recordUser,
        miners: (): GatewayMiner[] =>
          directory.eligible().flatMap((e) => {
            const rpm = ratesSlot.value[e.axon.hotkey];
            // Untested miners get a small share; caught cheaters (rate 0 after a test) none.
            if (rpm === 0) return [];
            return [{ uid: e.uid, hotkey: e.axon.hotkey, axon: e.axon, rpm: rpm ?? 1e-3 }];
          }),
        log,
      },
    });
    logger.info({ url: gateway.url, apiKeys: keys.length }, 'SN30 user-request gateway listening');
  }

  async function refreshDirectory(step: StepContext<Dendrite>): Promise<void> {
    const block = step.metagraph.block;
    const serving = servingMiners(step.metagraph, step.uid).map((m) => ({
      uid: m.uid,
      axon: { ip: m.axon.ip, port: m.axon.port, hotkey: m.hotkey },
    }));
    const unknown = serving.some((s) => directory.get(s.axon.hotkey) === undefined);
    if (!unknown && block - lastInfoBlock < options.infoRefreshBlocks) return;
    lastInfoBlock = block;
    await directory.refresh(serving, { signal: step.signal, timeoutS: 12 });
    const eligible = directory.eligible().map((e) => e.axon.hotkey);
    await scheduleSlot.update((s) => {
      refreshSchedule(s, eligible, block);
      return s;
    });
  }

  logger.info(
    { model, noise: NOISE_LAYOUT_VERSION, shape, config, gateway: gateway?.url ?? null },
    'SN30 validator ready',
  );
  return {
    scoring: sn30Scoring(policy),
    // Every serving miner: the step refreshes their Info and picks one to test itself.
    candidates: (c) => servingMiners(c.metagraph, c.uid),
    async forward(step) {
      await refreshDirectory(step);
      let progress = testSlot.value;
      const resumable = progress !== null && directory.get(progress.hotkey)?.problem === undefined;
      if (progress !== null && !resumable) {
        log({ msg: 'SN30 test in progress dropped: miner no longer eligible', hotkey: progress.hotkey });
        progress = null;
      }
      if (progress === null) {
        const hotkey = pickNextMiner(scheduleSlot.value);
        await scheduleSlot.set(scheduleSlot.value);
        const entry = hotkey === undefined ? undefined : directory.get(hotkey);
        if (entry === undefined || entry.problem !== undefined) return {};
        progress = newStressTest({ uid: entry.uid, hotkey: entry.axon.hotkey }, shape, config);
        await testSlot.set(progress);
      } else {
        log({ msg: 'SN30 resuming the stress test in progress', uid: progress.uid, phase: progress.phase });
      }
      const entry = directory.get(progress.hotkey)!;
      const outcome = await runStressTest(progress, {
        link: client.link(entry.axon, {
          generateTimeoutS: options.requestTimeout,
          downloadTimeoutS: options.requestTimeout,
        }),
        scorer,
        shape,
        config,
        checkpoint: (p) => testSlot.set(p),
        log,
        signal: step.signal,
      });
      // Stopping is not the miner's fault: the checkpoint stays and the test resumes after a restart.
      if (step.signal.aborted) throw step.signal.reason;
      const { uid, hotkey } = progress;
      await scheduleSlot.update((s) => {
        markTested(s, hotkey, step.metagraph.block);
        return s;
      });
      return { tested: { uid, hotkey, outcome } };
    },
    async score(round) {
      const now = Date.now();
      const tally = tallySlot.value;
      const rewards = new Map<number, Sn30Reward>();
      for (const [hotkey, t] of Object.entries(tally) as [string, UserTally][]) {
        rewards.set(t.uid, {
          uid: t.uid,
          hotkey,
          reward: null,
          user: { successes: t.successes, failures: t.failures, cheater: t.cheater },
          components: { userSuccesses: t.successes, userFailures: t.failures },
        });
      }
      if (round.tested) {
        const { uid, hotkey, outcome } = round.tested;
        const reward = outcomeReward(outcome, now, policy);
        const components = stressComponents(outcome);
        logger.info({ uid, hotkey, reward, ...components }, 'SN30 stress test');
        figures.add('stress_tests');
        if (outcome.kind === 'failed' && outcome.cheater) figures.add('cheaters_caught');
        const prior = rewards.get(uid);
        rewards.set(uid, {
          ...prior,
          uid,
          hotkey,
          reward,
          stress: outcome,
          components: { ...prior?.components, ...components },
        });
        // Only miners whose test earned something get users (a zero-similarity miner is fast at nothing).
        const rpm = typeof components.rpm === 'number' && reward > 0 ? components.rpm : 0;
        if (outcome.kind !== 'discarded') await ratesSlot.set({ ...ratesSlot.value, [hotkey]: rpm });
      }
      // The tally and the finished test are cleared here; the runtime writes the metrics right after.
      if (Object.keys(tally).length > 0) await tallySlot.set({});
      if (round.tested) await testSlot.set(null);
      return [...rewards.values()];
    },
    async close() {
      await gateway?.close();
      await dendrite.close();
      await pipeline.release();
    },
  };
}
