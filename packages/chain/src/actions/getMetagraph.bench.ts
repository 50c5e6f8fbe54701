// Metagraph read + decode for a 256-neuron subnet on the local chain, against the raw RPC round trip
// (`state_call` returning the SCALE bytes only). Goal: getMetagraph <= 2x the raw call.
import { Keyring } from '@polkadot/keyring';
import { hexToU8a } from '@polkadot/util';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { writeBenchResult } from '@taonode/bench';
import { connect } from '../client/connect.js';
import { encodeIp } from '../encoding/axonIp.js';
import { createSubnet } from '../localnet/createSubnet.js';
import { newBlocks, setStorage } from '../localnet/devRpc.js';
import { startLocalnet } from '../localnet/startLocalnet.js';
import { getMetagraph, toMetagraph } from './getMetagraph.js';
import { metagraphJsonSchema } from './metagraphSchema.js';
import { planDecoder } from './scaleDecoder.js';

const NEURONS = 256;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);

await cryptoWaitReady();
const localnet = await startLocalnet({ blockMode: 'Manual' });
const client = await connect({
  chainEndpoint: localnet.url,
  timeoutMs: 120_000,
  afterSubmit: (c) => newBlocks(c).then(() => undefined),
});
try {
  const { netuid } = await createSubnet(client, { maxAllowedUids: NEURONS });
  const keyring = new Keyring({ type: 'sr25519' });
  const alice = keyring.addFromUri('//Alice');

  // A few neurons registered for real (burned_register, one block), so the runtime's own
  // bookkeeping is in the mix; the rest are seeded with dev_setStorage, because 255 real
  // registrations take over ten minutes of WASM execution on a 2-core machine.
  const REAL = 4;
  let nonce = (await client.api.rpc.system.accountNextIndex(alice.address)).toNumber();
  for (let i = 0; i < REAL; i++) {
    const hk = keyring.addFromUri(`//bench/${i}`);
    const tx = client.api.tx.subtensorModule.burnedRegister(netuid, hk.address);
    await tx.signAsync(alice, { nonce: nonce++ });
    await client.api.rpc.author.submitExtrinsic(tx);
  }
  await newBlocks(client, 1);
  const registered = Number((await client.api.query.subtensorModule.subnetworkN(netuid)).toString());
  if (registered !== REAL + 1) throw new Error(`expected ${REAL + 1} registered neurons, got ${registered}`);
  await setStorage(client, seedNeurons(netuid, registered, NEURONS));
  const first = await getMetagraph(client, { netuid });
  if (first.neurons.length !== NEURONS)
    throw new Error(`expected ${NEURONS} neurons, got ${first.neurons.length}`);

  const param = `0x${Buffer.from(new Uint16Array([netuid]).buffer).toString('hex')}`;
  const raw = async () => client.rpc<string>('state_call', ['SubnetInfoRuntimeApi_get_metagraph', param]);
  const bytes = (await raw()).length / 2 - 1;

  const time = async (fn: () => Promise<unknown>) => {
    const samples: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const t = performance.now();
      await fn();
      samples.push(performance.now() - t);
    }
    samples.sort((a, b) => a - b);
    return { medianMs: samples[Math.floor(samples.length / 2)]!, minMs: samples[0]! };
  };
  // Interleave warm-up, then measure each.
  await raw();
  await getMetagraph(client, { netuid });
  const rawT = await time(raw);
  const fullT = await time(() => getMetagraph(client, { netuid }));
  // Client-side work alone, from bytes already in hand: what this package adds to the round trip
  // (plain SCALE decode + zod validation + per-uid records), and polkadot.js decoding for comparison.
  const bytesIn = hexToU8a(await raw());
  const registry = client.api.registry;
  const outputType = client.api.call.subnetInfoRuntimeApi!.getMetagraph!.meta.type.toString();
  const decode = planDecoder(registry, outputType);
  const clientSideT = await time(async () => toMetagraph(metagraphJsonSchema.parse(decode(bytesIn))));
  const polkadotT = await time(async () => registry.createType(outputType, bytesIn).toJSON());

  writeBenchResult('chain-metagraph', {
    neurons: NEURONS,
    responseBytes: bytes,
    rounds: ROUNDS,
    rawStateCallMs: rawT,
    getMetagraphMs: fullT,
    decodeValidateReshapeMs: clientSideT,
    polkadotJsDecodeOnlyMs: polkadotT,
    ratioMedian: Number((fullT.medianMs / rawT.medianMs).toFixed(3)),
    goal: 'getMetagraph <= 2x raw state_call',
    note: 'the local chain executes the runtime API in WASM inside chopsticks, so the raw call is slower than on a real node; decodeValidateReshapeMs is what the client adds',
    setup: `${NEURONS} neurons, all serving an axon, 5 registered by burned_register, the rest seeded by dev_setStorage`,
  });
} finally {
  await client.close();
  await localnet.close();
}

/** Storage for uids `from..n-1` as registration would leave it, plus non-zero per-uid vectors for all. */
function seedNeurons(netuid: number, from: number, n: number): Record<string, unknown> {
  const keyring = new Keyring({ type: 'sr25519' });
  const hot = Array.from({ length: n }, (_, uid) => keyring.addFromUri(`//bench/hot/${uid}`).address);
  const cold = Array.from({ length: n }, (_, uid) => keyring.addFromUri(`//bench/cold/${uid}`).address);
  const uids = Array.from({ length: n - from }, (_, i) => from + i);
  const axon = {
    block: 1,
    version: 10_002_000,
    ip: encodeIp('203.0.113.7').ip.toString(),
    port: 8091,
    ipType: 4,
    protocol: 4,
    placeholder1: 0,
    placeholder2: 0,
  };
  const u16s = (seed: number) => Array.from({ length: n }, (_, uid) => (uid * 2654 + seed) % 65536);
  return {
    SubtensorModule: {
      SubnetworkN: [[[netuid], n]],
      Keys: uids.map((uid) => [[netuid, uid], hot[uid]]),
      Uids: uids.map((uid) => [[netuid, hot[uid]], uid]),
      Owner: uids.map((uid) => [[hot[uid]], cold[uid]]),
      Axons: uids.map((uid) => [[netuid, hot[uid]], axon]),
      BlockAtRegistration: uids.map((uid) => [[netuid, uid], 2]),
      TotalHotkeyAlpha: uids.map((uid) => [[hot[uid], netuid], String(1_000_000_000 + uid * 12_345_678)]),
      Active: [[[netuid], Array.from({ length: n }, (_, uid) => uid % 7 !== 0)]],
      ValidatorPermit: [[[netuid], Array.from({ length: n }, (_, uid) => uid < 64)]],
      PruningScores: [[[netuid], u16s(11)]],
      LastUpdate: [[[netuid], Array.from({ length: n }, (_, uid) => 2 + uid)]],
      Emission: [[[netuid], Array.from({ length: n }, (_, uid) => String(uid * 1_000_003))]],
      Dividends: [[[netuid], u16s(3)]],
      Incentive: [[[netuid], u16s(5)]],
      Consensus: [[[netuid], u16s(7)]],
      Trust: [[[netuid], u16s(13)]],
      Rank: [[[netuid], u16s(17)]],
    },
  };
}
