// Metagraph read + decode for a 256-neuron subnet on the local chain, against the raw RPC round trip
// (`state_call` returning the SCALE bytes only). Goal: getMetagraph <= 2x the raw call.
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { writeBenchResult } from '../../../../scripts/lib/benchResult.js';
import { connect } from '../client/connect.js';
import { encodeIp } from '../encoding/axonIp.js';
import { createSubnet } from '../localnet/createSubnet.js';
import { newBlocks, setStorage } from '../localnet/devRpc.js';
import { startLocalnet } from '../localnet/startLocalnet.js';
import { getMetagraph } from './getMetagraph.js';

const NEURONS = 256;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);

await cryptoWaitReady();
const localnet = await startLocalnet({ blockMode: 'Manual' });
// Manual blocks so 255 registrations land in one block; helper transactions get theirs via afterSubmit.
const client = await connect({
  chainEndpoint: localnet.url,
  timeoutMs: 120_000,
  afterSubmit: (c) => newBlocks(c).then(() => undefined),
});
try {
  const alice = new Keyring({ type: 'sr25519' }).addFromUri('//Alice');
  const { netuid } = await createSubnet(client, { maxAllowedUids: NEURONS });

  // Register 255 more hotkeys in one block: sign with explicit nonces, submit all, build one block.
  const hotkeys = Array.from({ length: NEURONS - 1 }, (_, i) =>
    new Keyring({ type: 'sr25519' }).addFromUri(`//bench/${i}`),
  );
  let nonce = (await client.api.rpc.system.accountNextIndex(alice.address)).toNumber();
  for (const hk of hotkeys) {
    const tx = client.api.tx.subtensorModule.burnedRegister(netuid, hk.address);
    await tx.signAsync(alice, { nonce: nonce++ });
    await client.api.rpc.author.submitExtrinsic(tx);
  }
  await newBlocks(client, 1);
  // Every neuron serving an axon, so the decode does the IP work too.
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
  await setStorage(client, {
    SubtensorModule: { Axons: hotkeys.map((hk) => [[netuid, hk.address], axon]) },
  });

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
  // Decode alone (SCALE → typed, validated records), from bytes already in hand.
  const hex = await raw();
  const registry = client.api.registry;
  const outputType = client.api.call.subnetInfoRuntimeApi!.getMetagraph!.meta.type.toString();
  const decodeT = await time(async () => registry.createType(outputType, hex).toJSON());

  writeBenchResult('chain-metagraph', {
    neurons: NEURONS,
    responseBytes: bytes,
    rounds: ROUNDS,
    rawStateCallMs: rawT,
    getMetagraphMs: fullT,
    scaleDecodeOnlyMs: decodeT,
    ratioMedian: Number((fullT.medianMs / rawT.medianMs).toFixed(3)),
    goal: 'getMetagraph <= 2x raw state_call',
  });
} finally {
  await client.close();
  await localnet.close();
}
