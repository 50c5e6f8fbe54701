// sr25519 sign/verify throughput: our WASM path (Keypair / verifySignature) vs util-crypto's
// pure-JS path (@scure/sr25519), on a dendrite-sized message.
import { cryptoWaitReady, sr25519PairFromSeed, sr25519Sign, sr25519Verify } from '@polkadot/util-crypto';
import { median, writeBenchResult } from '@taonode/bench';
import { Keypair } from './keypair.js';
import { verifySignature } from './verifySignature.js';

await cryptoWaitReady();

const SEED = '0xda3cf5b1e9144931a0f0db65664aab662673b099415a7f8121b7245fb0be4143';
const kp = Keypair.fromSeed(SEED);
const jsPair = sr25519PairFromSeed(SEED);
const message = new TextEncoder().encode(
  `1700000000000000000.${kp.ss58Address}.5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY.5ecbd69c-1cec-11ee-b0dc-e29ce36fec1a.a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a`,
);
const signature = kp.sign(message);
const hexSignature = `0x${Buffer.from(signature).toString('hex')}`;

function opsPerSecond(fn: () => unknown, budgetMs = 1500): number {
  for (let i = 0; i < 20; i++) fn(); // warm-up
  let ops = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < budgetMs) {
    for (let i = 0; i < 20; i++) fn();
    ops += 20;
    elapsed = performance.now() - start;
  }
  return Math.round((ops / elapsed) * 1000);
}

// The machine is shared: run the cases round-robin, 3 rounds, and keep each case's median.
const cases: Record<string, () => unknown> = {
  wasmSignOpsPerSec: () => kp.sign(message),
  jsSignOpsPerSec: () => sr25519Sign(message, jsPair),
  wasmVerifyOpsPerSec: () => kp.verify(message, signature),
  jsVerifyOpsPerSec: () => sr25519Verify(message, signature, jsPair.publicKey),
  verifySignatureSs58HexOpsPerSec: () => verifySignature(message, hexSignature, kp.ss58Address),
};
const samples: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
for (let round = 0; round < 3; round++) {
  for (const [name, fn] of Object.entries(cases)) samples[name]!.push(opsPerSecond(fn, 1000));
}
const results = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)])) as Record<
  string,
  number
>;
writeBenchResult('wallet-sr25519', {
  messageBytes: message.length,
  ...results,
  verifySpeedup: Number((results.wasmVerifyOpsPerSec! / results.jsVerifyOpsPerSec!).toFixed(2)),
  signSpeedup: Number((results.wasmSignOpsPerSec! / results.jsSignOpsPerSec!).toFixed(2)),
});
