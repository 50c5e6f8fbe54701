/**
 * SN24 Focus end to end on the real subtensor runtime (chopsticks): the stand-in marketplace over
 * HTTP, real transfers in real blocks, and the SN24 daemons as child processes. miner2 serves
 * `Videos` (so the validator steps and scores); miner1 does not serve and earns only through Focus.
 * An honest purchase by miner1 lifts its score from 0 by the Focus share; a replayed block hash, a
 * payment to the wrong address, an underpayment, a payment from another coldkey and a block that
 * does not exist each earn nothing and are logged with their reason.
 */
import { mkdtempSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type ChainClient,
  connect,
  fundAccount,
  getMetagraph,
  type Localnet,
  RAO_PER_TAO,
  startLocalnet,
  transfer,
} from '@taonode/chain';
import { findRepoRoot } from '@taonode/kit';
import { createFfmpeg } from '@taonode/media';
import {
  type DaemonProcess,
  freePort,
  type LogLine,
  loadValidatorState,
  neuronCluster,
  type ProvisionedSubnet,
  provisionSubnet,
  readJsonLog,
  subnetLaunch,
  waitFor,
} from '@taonode/neuron';
import { generateMnemonic, Keypair, Wallet } from '@taonode/wallet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTestVideos } from '../daemon/testVideoFolder.js';
import { tinySn24ModelOptions } from '../testing/tinySn24Models.js';
import { buyFocusVideo } from './buyFocusVideo.js';
import { hotkeyCredentials } from './hotkeyAuth.js';
import { omegaApiMarketplace } from './omegaApiMarketplace.js';
import { PurchaseLedger } from './purchaseLedger.js';
import { type FocusStandIn, startFocusStandIn } from './standIn/focusStandIn.js';
import { FOCUS_LEDGER_FILE } from './verifiedLedger.js';

const MINUTE = 60_000;
const SHARE = 0.5;
const PRICE = RAO_PER_TAO / 10n;
const work = mkdtempSync(join(tmpdir(), 'sn24-focus-chain-'));
const videoDir = join(work, 'videos');
const fresh = () => Keypair.fromMnemonic(generateMnemonic());
const recorder = fresh().ss58Address;
const otherRecorders = Array.from({ length: 4 }, () => fresh().ss58Address);
const stranger = fresh();

let localnet: Localnet;
let client: ChainClient;
let subnet: ProvisionedSubnet;
let standIn: FocusStandIn;
let stateDir: (name: string) => string;
const daemons: DaemonProcess[] = [];
const uid = (name: string) => subnet.neurons.find((n) => n.name === name)!.uid;
const validatorLog = () => readJsonLog(join(work, 'validator.log'));

async function bookScores(): Promise<number[]> {
  const v = subnet.neurons.find((n) => n.name === 'validator')!;
  const state = await loadValidatorState(stateDir('validator'), { netuid: subnet.netuid, hotkey: v.hotkey });
  return state.kind === 'loaded' ? state.state.scores : [];
}

async function untilLogged(what: string, match: (l: LogLine) => boolean, count = 1): Promise<LogLine[]> {
  return waitFor(
    what,
    async () => {
      const dead = daemons.find((d) => !d.running);
      if (dead) throw new Error(`${dead.spec.name} exited with ${dead.exitCode}`);
      const hits = (await validatorLog()).filter(match);
      return hits.length >= count ? hits : undefined;
    },
    { timeoutMs: 8 * MINUTE, intervalMs: 2_000 },
  );
}

beforeAll(async () => {
  await tinySn24ModelOptions();
  await ensureTestVideos(await createFfmpeg(), videoDir, 2);
  localnet = await startLocalnet({ blockMode: 'Instant', blockTimeMs: 1_000 });
  client = await connect({ chainEndpoint: localnet.url });
  subnet = await provisionSubnet(client, {
    walletPath: join(work, 'wallets'),
    miners: 2,
    subnet: { tempo: 10 },
  });
  await fundAccount(client, stranger.ss58Address, 10n * RAO_PER_TAO);
  standIn = await startFocusStandIn({
    listings: [
      { videoId: 'honest', score: 0.9, priceRao: PRICE, address: recorder },
      { videoId: 'replay', score: 0.9, priceRao: PRICE, address: recorder },
      ...otherRecorders.map((address, i) => ({
        videoId: ['wrong-address', 'underpaid', 'other-coldkey', 'no-block'][i]!,
        score: 0.5,
        priceRao: PRICE,
        address,
      })),
    ],
  });
  const cluster = neuronCluster({
    subnet,
    endpoint: localnet.url,
    workDir: work,
    cwd: findRepoRoot() ?? process.cwd(),
    axonPorts: [await freePort('127.0.0.2'), await freePort('127.0.0.2')],
    launch: subnetLaunch('sn24'),
    commonArgs: ['--inference.device', 'cpu', '--sn24.test_models', '--sn24.video_dir', videoDir],
    minerArgs: () => ['--blacklist.min_stake', '0'],
    validatorArgs: [
      ...['--neuron.step_interval', '1', '--neuron.timeout', '12', '--neuron.epoch_length', '10'],
      ...['--sn24.num_videos', '1', '--sn24.timeout', '60', '--sn24.unstuffer', 'off'],
      ...['--sn24.focus_api', standIn.url, '--sn24.focus_share', String(SHARE)],
    ],
  });
  stateDir = cluster.stateDir;
  // miner1 never serves: it earns only through Focus.
  daemons.push(cluster.validator, cluster.miners[1]!);
  for (const d of daemons) d.start();
}, 5 * MINUTE);

afterAll(async () => {
  await Promise.all(daemons.map((d) => d.stop()));
  await standIn?.close();
  await client?.close();
  await localnet?.close();
  await rm(work, { recursive: true, force: true });
}, 2 * MINUTE);

describe('SN24 Focus purchases verified on the local chain', () => {
  it(
    'an honest purchase raises the buyer score by the Focus share; bad claims earn nothing',
    async () => {
      const wallet = new Wallet({ name: subnet.walletName, path: subnet.walletPath });
      const coldkey = await wallet.getColdkey();
      const miner1 = hotkeyCredentials(await wallet.getHotkey({ hotkey: 'miner1' }));
      const miner2 = hotkeyCredentials(await wallet.getHotkey({ hotkey: 'miner2' }));
      const market = omegaApiMarketplace({ url: standIn.url });

      // The validator steps (it scores miner2's videos) before anything is bought.
      await untilLogged('a scored SN24 step', (l) => l.msg === 'SN24 miner scored');
      expect((await bookScores())[uid('miner1')] ?? 0).toBe(0);

      const bought = await buyFocusVideo(
        {
          marketplace: market,
          client,
          ledger: await PurchaseLedger.open(join(work, 'purchases.json')),
          auth: miner1,
          coldkey: coldkey.ss58Address,
          approve: async () => {},
          signer: async () => coldkey,
        },
        'honest',
      );
      expect(bought.state).toBe('handed-back');
      const [verified] = await untilLogged(
        'the honest purchase verified',
        (l) => l.msg === 'SN24 Focus purchase verified',
      );
      expect(verified).toMatchObject({
        videoId: 'honest',
        hotkey: miner1.hotkey,
        amountRao: PRICE.toString(),
      });
      const raised = await waitFor(
        "miner1's score at the Focus share",
        async () => {
          const s = (await bookScores())[uid('miner1')] ?? 0;
          return s > 0 ? s : undefined;
        },
        { timeoutMs: 2 * MINUTE, intervalMs: 1_000 },
      );
      // The only buyer holds all of L1(focus): its score is exactly the share.
      expect(raised).toBeCloseTo(SHARE, 9);
      const onChain = await waitFor(
        'weights for miner1 on chain',
        async () => {
          const mg = await getMetagraph(client, { netuid: subnet.netuid, weights: true });
          const row = mg.neurons[uid('validator')]!.weights ?? [];
          return row.some((w) => w.uid === uid('miner1')) ? row : undefined;
        },
        { timeoutMs: 3 * MINUTE, intervalMs: 2_000 },
      );
      expect(onChain.find((w) => w.uid === uid('miner1'))!.weight).toBeGreaterThan(0);

      // The bad claims, each handed back by a miner that announced the purchase.
      const pay = async (from: Keypair, dest: string, amount: bigint) =>
        (await transfer(client, { signer: from, dest, amount })).blockHash;
      const claim = async (auth: typeof miner1, videoId: string, blockHash: string) => {
        await market.announcePurchase(videoId, auth);
        const r = await market.handBack({ videoId, blockHash }, auth);
        expect(r.accepted, r.message).toBe(true);
      };
      await claim(miner1, 'replay', bought.blockHash!);
      await claim(miner2, 'wrong-address', await pay(coldkey, fresh().ss58Address, PRICE));
      await claim(miner2, 'underpaid', await pay(coldkey, otherRecorders[1]!, PRICE - 1n));
      await claim(miner2, 'other-coldkey', await pay(stranger, otherRecorders[2]!, PRICE));
      await claim(miner2, 'no-block', `0x${'77'.repeat(32)}`);

      const rejected = await untilLogged(
        'five rejected claims',
        (l) => l.msg === 'SN24 Focus claim rejected; it earns nothing',
        5,
      );
      expect(Object.fromEntries(rejected.map((l) => [l.videoId, l.reason]))).toEqual({
        replay: 'already-counted',
        'wrong-address': 'wrong-recipient',
        underpaid: 'underpaid',
        'other-coldkey': 'not-from-miner-coldkey',
        'no-block': 'block-not-found',
      });

      // Still one verified purchase; the Focus scores never name miner2 and miner1 keeps the share.
      const ledger = JSON.parse(await readFile(join(stateDir('validator'), FOCUS_LEDGER_FILE), 'utf8'));
      expect(Object.values(ledger.verified)).toHaveLength(1);
      expect(Object.keys(ledger.rejected)).toHaveLength(5);
      const focusLogs = (await validatorLog()).filter((l) => l.msg === 'SN24 Focus scores');
      expect(focusLogs.at(-1)!.focus).toEqual({ [uid('miner1')]: 1 });
      const scores = await bookScores();
      expect(scores[uid('miner1')]).toBeCloseTo(SHARE, 9);
      expect(scores[uid('miner2')] ?? 0).toBeLessThanOrEqual(1 - SHARE + 1e-9);
    },
    20 * MINUTE,
  );
});
