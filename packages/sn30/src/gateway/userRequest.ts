import { parseFrames } from '@taonode/diffusion';
import type { AxonTarget } from '@taonode/transport';
import { Sn30Error } from '../errors.js';
import type { GenerationInputs } from '../inputs/generationInputs.js';
import { sha256Hex } from '../miner/frameGenerator.js';
import { maxFramesBytes } from '../protocol/generateFields.js';
import { cryptoRandom, type RandomSource, weightedSampleWithoutReplacement } from '../validator/csprng.js';
import type { GenerateOutcome, MinerClient } from '../validator/minerClient.js';
import type { OutputScorer } from '../validator/outputScorer.js';

/** A miner a user request may go to. */
export interface GatewayMiner {
  uid: number;
  hotkey: string;
  axon: AxonTarget;
  /** Measured requests per minute (the sampling weight). */
  rpm: number;
}

/** What happened with one miner, for its bonus or penalty. */
export interface UserOutcome {
  miner: GatewayMiner;
  ok: boolean;
  cheater: boolean;
  reason: string;
}

export interface UserRequestDeps {
  client: MinerClient;
  /** Serving miners on the validator's model, cheaters left out. */
  miners(): readonly GatewayMiner[];
  scorer: OutputScorer;
  /** VAE-decodes the last frame to interleaved RGB (SdxlPipeline.decode). */
  decode(lastFrame: Float32Array, width: number, height: number): Promise<Uint8Array>;
  /** Called once per miner asked (winner, losers, background audits): the metrics' bonus and penalty. */
  record(outcome: UserOutcome): void;
  /** Chance that a result is replayed before it is used (default 0.35). */
  validationChance?: number;
  /** Miners asked per request (default 3). */
  fanout?: number;
  /** Generate timeout, seconds (default 60). */
  timeoutS?: number;
  /**
   * NSFW hook: return true to refuse the image (the user gets 451). Off by default — the reference's
   * safety checker ran without trained weights (spec §8), so no model is bundled; plug one in here.
   */
  nsfw?: (rgb: Uint8Array, width: number, height: number) => Promise<boolean>;
  rng?: RandomSource;
  log?: (entry: Record<string, unknown>) => void;
}

export interface UserImage {
  rgb: Uint8Array;
  width: number;
  height: number;
  minerUid: number;
  minerHotkey: string;
  /** From the request leaving the validator to the image being ready, seconds. */
  seconds: number;
}

/** A user request the gateway could not serve; `status` is the HTTP answer. */
export class UserRequestError extends Sn30Error {
  constructor(
    readonly status: number,
    reason: string,
    hint: string,
  ) {
    super('SN30_USER_REQUEST', reason, hint);
  }
}

/** Yields the promises' values in the order they settle. */
async function* settledInOrder<T>(promises: Promise<T>[]): AsyncGenerator<T> {
  const tagged = promises.map((p, i) => p.then((v) => ({ i, v })));
  const left = new Map(tagged.map((p, i) => [i, p]));
  while (left.size > 0) {
    const { i, v } = await Promise.race(left.values());
    left.delete(i);
    yield v;
  }
}

/**
 * One user request (spec §4.4 with the fixes of §8): up to 3 miners sampled by measured RPM (or the
 * one the caller names) get the same sanitised inputs; in completion order, the first success is
 * downloaded and hash-checked (a mismatch marks a cheater), replayed with chance 0.35 at the strict
 * pass mark, VAE-decoded and returned. The other answers are judged in the background: failures are
 * penalised, successes are audited with the same chance (a verified success earns the bonus) or
 * deleted. Every miner's outcome goes to `record` — the reference's success path never ran.
 */
export async function serveUserRequest(
  deps: UserRequestDeps,
  inputs: GenerationInputs,
  options: { minerUid?: number; signal?: AbortSignal } = {},
): Promise<UserImage> {
  const started = performance.now();
  const rng = deps.rng ?? cryptoRandom;
  const log = deps.log ?? (() => undefined);
  const chance = deps.validationChance ?? 0.35;
  const all = deps.miners();
  let chosen: GatewayMiner[];
  if (options.minerUid !== undefined) {
    const m = all.find((x) => x.uid === options.minerUid);
    if (m === undefined)
      throw new UserRequestError(
        404,
        `miner uid ${options.minerUid} is not serving this model`,
        'leave miner_uid out to let the validator choose',
      );
    chosen = [m];
  } else {
    const picks = weightedSampleWithoutReplacement(
      all.map((m) => m.rpm),
      deps.fanout ?? 3,
      rng,
    );
    chosen = picks.map((i) => all[i]!);
  }
  if (chosen.length === 0) throw new UserRequestError(503, 'no miner is serving', 'try again later');

  const asked = chosen.map((miner) =>
    deps.client
      .generate(miner.axon, inputs, {
        timeoutS: deps.timeoutS ?? 60,
        ...(options.signal ? { signal: options.signal } : {}),
      })
      .catch((err: unknown): GenerateOutcome => ({ ok: false, status: 0, reason: String(err), seconds: 0 }))
      .then((o) => ({ miner, o })),
  );
  const order = settledInOrder(asked);
  const failures: string[] = [];
  const fail = (miner: GatewayMiner, reason: string, cheater = false) => {
    failures.push(`uid ${miner.uid}: ${reason}`);
    deps.record({ miner, ok: false, cheater, reason });
  };

  /** Downloads, hash-checks and maybe replays one success: its frames, or undefined after recording the failure. */
  const verify = async (miner: GatewayMiner, o: Extract<GenerateOutcome, { ok: true }>, replay: boolean) => {
    const got = await deps.client.download(miner.axon, o.id, maxFramesBytes(inputs));
    if (!got.ok) return void fail(miner, `download failed: ${got.status} ${got.reason}`);
    if (sha256Hex(got.bytes) !== o.sha256)
      return void fail(miner, 'frames do not match the committed sha256', true);
    if (replay) {
      const v = await deps.scorer.score(inputs, got.bytes).catch((err: unknown) => {
        log({ level: 'warn', msg: 'replay failed on this validator', uid: miner.uid, error: String(err) });
        return undefined;
      });
      if (v !== undefined && !v.passed)
        return void fail(miner, v.reason ?? `replay failed (modelCosine ${v.minModelCosine.toFixed(4)})`);
    }
    try {
      return parseFrames(got.bytes);
    } catch (err) {
      return void fail(miner, (err as Error).message);
    }
  };

  let image: UserImage | undefined;
  try {
    // Not `for await`: leaving that loop would close the generator the background still reads.
    for (let next = await order.next(); !next.done; next = await order.next()) {
      const { miner, o } = next.value;
      if (!o.ok) {
        fail(miner, `Generate: ${o.status} ${o.reason}`);
        continue;
      }
      const frames = await verify(miner, o, rng.float() < chance);
      if (frames === undefined) continue;
      const n = inputs.num_inference_steps;
      const size = 4 * (inputs.width / 8) * (inputs.height / 8);
      if (frames.steps !== n || frames.data.length !== n * size) {
        fail(
          miner,
          `frames shape [${frames.steps},…] does not fit ${n} steps at ${inputs.width}×${inputs.height}`,
        );
        continue;
      }
      const rgb = await deps.decode(
        frames.data.subarray((n - 1) * size, n * size),
        inputs.width,
        inputs.height,
      );
      deps.record({ miner, ok: true, cheater: false, reason: 'served the user' });
      if (deps.nsfw && (await deps.nsfw(rgb, inputs.width, inputs.height)))
        throw new UserRequestError(451, 'the image was refused by the NSFW filter', 'change the prompt');
      image = {
        rgb,
        width: inputs.width,
        height: inputs.height,
        minerUid: miner.uid,
        minerHotkey: miner.hotkey,
        seconds: (performance.now() - started) / 1000,
      };
      break;
    }
  } finally {
    // The answers still out are judged after the user has the image (or the error).
    void (async () => {
      for await (const { miner, o } of order) {
        if (!o.ok) {
          fail(miner, `Generate: ${o.status} ${o.reason}`);
          continue;
        }
        if (rng.float() < chance) {
          if (await verify(miner, o, true))
            deps.record({ miner, ok: true, cheater: false, reason: 'verified in the background' });
        } else {
          await deps.client.delete(miner.axon, o.id).catch(() => false);
        }
      }
    })().catch((err: unknown) =>
      log({ level: 'warn', msg: 'background judging failed', error: String(err) }),
    );
  }
  if (image === undefined)
    throw new UserRequestError(502, `no miner produced a valid image (${failures.join('; ')})`, 'try again');
  return image;
}
