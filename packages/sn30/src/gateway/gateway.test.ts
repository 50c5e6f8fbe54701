import { randomBytes } from 'node:crypto';
import { SdxlPipeline } from '@taonode/diffusion';
import { tinySdxlManifest } from '@taonode/diffusion/testing';
import { createDendrite, type Dendrite } from '@taonode/transport';
import { Keypair } from '@taonode/wallet';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { GeneratorService } from '../generator/generatorService.js';
import { LocalGenerator, sha256Hex } from '../miner/frameGenerator.js';
import { RandomLatentsGenerator } from '../miner/randomLatentsGenerator.js';
import { modelIdentity } from '../model/sn30Model.js';
import { startTestMiner, type TestMiner } from '../testing/testMiner.js';
import { MinerClient } from '../validator/minerClient.js';
import {
  initialMetrics,
  recordUserOutcome,
  type Sn30Metrics,
  syncMetrics,
} from '../validator/minerMetrics.js';
import { ReplayScorer } from '../validator/outputScorer.js';
import {
  GatewayAuth,
  gatewaySignatureMessage,
  HEADER_HOTKEY,
  HEADER_NONCE,
  HEADER_SIGNATURE,
} from './gatewayAuth.js';
import { type GatewayServer, startGatewayServer } from './gatewayServer.js';
import type { GatewayMiner, UserOutcome, UserRequestDeps } from './userRequest.js';

vi.setConfig({ testTimeout: 120_000 });

const validatorKey = Keypair.fromUri('//Alice');
const app = Keypair.fromUri('//AppHotkey');
const stranger = Keypair.fromUri('//Stranger');
const API_KEY = 'k'.repeat(32);
let pipeline: SdxlPipeline;
let model: string;
let dendrite: Dendrite;
let gateway: GatewayServer;
let honest: TestMiner[];
let cheat: TestMiner;
let liar: TestMiner;
let metrics: Sn30Metrics;
let outcomes: UserOutcome[];
let pool: GatewayMiner[];
const deps: Partial<UserRequestDeps> = {};

const INPUTS = { prompt: 'a tao windmill', width: 64, height: 64, num_inference_steps: 6 };

beforeAll(async () => {
  pipeline = await SdxlPipeline.load(await tinySdxlManifest('plain'), { device: 'cpu' });
  model = modelIdentity(pipeline.manifest);
  const local = () => new LocalGenerator(new GeneratorService({ pipeline, queueLimit: 64 }), model);
  honest = [
    await startTestMiner({ signer: Keypair.fromUri('//H1'), model, generators: [local()] }),
    await startTestMiner({ signer: Keypair.fromUri('//H2'), model, generators: [local()] }),
  ];
  cheat = await startTestMiner({
    signer: Keypair.fromUri('//C'),
    model,
    generators: [new RandomLatentsGenerator(model)],
  });
  const base = local();
  liar = await startTestMiner({
    signer: Keypair.fromUri('//L'),
    model,
    generators: [
      {
        name: 'liar',
        load: 0,
        generate: async (i, s) => ({ ...(await base.generate(i, s)), sha256: sha256Hex(randomBytes(4)) }),
        check: async () => true,
        model: async () => model,
      },
    ],
  });
  dendrite = createDendrite({ signer: validatorKey });
  const all = [...honest, cheat, liar];
  metrics = initialMetrics();
  syncMetrics(
    metrics,
    all.map((m) => m.target.hotkey),
  );
  Object.assign(deps, {
    client: new MinerClient(dendrite),
    miners: () => pool,
    scorer: new ReplayScorer({ pipeline }),
    decode: (last: Float32Array, w: number, h: number) => pipeline.decode(last, w, h),
    record: (o: UserOutcome) => {
      outcomes.push(o);
      recordUserOutcome(
        metrics,
        { uid: o.miner.uid, hotkey: o.miner.hotkey },
        { ok: o.ok, cheater: o.cheater },
        Date.now(),
      );
    },
  } satisfies Partial<UserRequestDeps>);
  gateway = await startGatewayServer({
    auth: new GatewayAuth({
      apiKeys: [API_KEY],
      allowedHotkeys: [app.ss58Address],
      validatorHotkey: validatorKey.ss58Address,
    }),
    deps: deps as UserRequestDeps,
    minSize: 8,
  });
});
afterAll(async () => {
  await gateway?.close();
  for (const m of [...(honest ?? []), cheat, liar]) await m?.stop();
  await dendrite?.close();
  await pipeline?.release();
});
beforeEach(() => {
  outcomes = [];
  deps.validationChance = 0.35;
  delete deps.nsfw;
  pool = honest.map((m, uid) => ({ uid, hotkey: m.target.hotkey, axon: m.target, rpm: 10 }));
});

const post = (body: unknown, headers: Record<string, string> = { authorization: `Bearer ${API_KEY}` }) =>
  fetch(`${gateway.url}/v1/generate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

function signed(signer: Keypair, body: string, nonce = `${BigInt(Date.now()) * 1_000_000n}`) {
  const message = gatewaySignatureMessage({
    nonce,
    hotkey: signer.ss58Address,
    validatorHotkey: validatorKey.ss58Address,
    body,
  });
  return {
    [HEADER_HOTKEY]: signer.ss58Address,
    [HEADER_NONCE]: nonce,
    [HEADER_SIGNATURE]: `0x${Buffer.from(signer.sign(message)).toString('hex')}`,
  };
}

describe('user-request gateway, end to end', () => {
  it('serves a PNG from the first good miner, with its uid and time; the winner earns the bonus', async () => {
    deps.validationChance = 1;
    const res = await post({ inputs: { ...INPUTS, seed: 5 }, format: 'png' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    const uid = Number(res.headers.get('x-sn30-miner-uid'));
    expect([0, 1]).toContain(uid);
    expect(Number(res.headers.get('x-sn30-generation-seconds'))).toBeGreaterThan(0);
    const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
    expect(meta).toMatchObject({ format: 'png', width: 64, height: 64 });
    expect(outcomes.find((o) => o.miner.uid === uid)).toMatchObject({ ok: true, reason: 'served the user' });
    expect(metrics.miners[uid]!.userSuccesses).toBe(1);
    // The other miner's answer is judged in the background (validation chance 1: verified, credited).
    await vi.waitFor(() => expect(metrics.miners[1 - uid]!.userSuccesses).toBe(1));
  });

  it('accepts a request signed by an allowed hotkey (JPEG); refuses strangers, replays and bad credentials', async () => {
    const body = JSON.stringify({ inputs: INPUTS });
    const headers = signed(app, body);
    const ok = await post(body, headers);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('image/jpeg');
    expect((await sharp(Buffer.from(await ok.arrayBuffer())).metadata()).format).toBe('jpeg');
    const replay = await post(body, headers);
    expect(replay.status).toBe(401);
    expect(((await replay.json()) as { error: { message: string } }).error.message).toMatch(/Nonce/);
    expect((await post(body, signed(stranger, body))).status).toBe(403);
    const forged = { ...signed(app, body), [HEADER_SIGNATURE]: signed(stranger, body)[HEADER_SIGNATURE] };
    expect((await post(body, forged)).status).toBe(401);
    expect((await post(body, {})).status).toBe(401);
    expect((await post(body, { authorization: `Bearer ${'x'.repeat(32)}` })).status).toBe(401);
  });

  it('a cheater’s result fails the replay check: the user gets 502, the cheater the penalty', async () => {
    deps.validationChance = 1;
    pool = [{ uid: 2, hotkey: cheat.target.hotkey, axon: cheat.target, rpm: 10 }];
    const res = await post({ inputs: INPUTS });
    expect(res.status).toBe(502);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(
      /uid 2: replay failed/,
    );
    expect(metrics.miners[2]).toMatchObject({ userFailures: 1, userSuccesses: 0 });
  });

  it('a hash mismatch marks a cheater; the next miner in completion order serves the user', async () => {
    pool = [
      { uid: 3, hotkey: liar.target.hotkey, axon: liar.target, rpm: 1000 },
      { uid: 0, hotkey: honest[0]!.target.hotkey, axon: honest[0]!.target, rpm: 1 },
    ];
    // Ask the liar by name first: nothing else to fall back on.
    const named = await post({ inputs: INPUTS, miner_uid: 3 });
    expect(named.status).toBe(502);
    expect(metrics.miners[3]!.cheaterUntil).toBeGreaterThan(Date.now());
    const both = await post({ inputs: INPUTS });
    expect(both.status).toBe(200);
    expect(both.headers.get('x-sn30-miner-uid')).toBe('0');
  });

  it('answers bad requests with the right status and a message naming the problem', async () => {
    const bad = await post({ inputs: { ...INPUTS, width: 60 } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(
      /width: must be a multiple of 8/,
    );
    expect((await post('{not json')).status).toBe(400);
    expect((await post({ inputs: INPUTS, format: 'gif' })).status).toBe(400);
    expect((await post({ inputs: INPUTS, miner_uid: 99 })).status).toBe(404);
    expect((await post('x'.repeat(70 * 1024))).status).toBe(413);
    expect((await fetch(`${gateway.url}/v1/generate`)).status).toBe(405);
    pool = [];
    expect((await post({ inputs: INPUTS })).status).toBe(503);
  });

  it('the NSFW hook can refuse an image (451); it is off unless set', async () => {
    deps.nsfw = async () => true;
    expect((await post({ inputs: INPUTS })).status).toBe(451);
  });
});
