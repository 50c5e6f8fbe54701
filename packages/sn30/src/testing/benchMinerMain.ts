// A miner for the SN30 benches, in its own process so its CPU is measured apart from the caller's:
// the real axon and handlers over a NoopGenerator. Prints {"port","hotkey"} once listening; each
// line "stats" on stdin is answered with {"cpuMs","rssMb"}; exits when stdin closes.
import { createInterface } from 'node:readline';
import { Keypair } from '@taonode/wallet';
import { NoopGenerator } from './noopGenerator.js';
import { startTestMiner } from './testMiner.js';

const storeMb = Number(process.argv[2] ?? 4096);
const miner = await startTestMiner({
  signer: Keypair.fromUri('//Sn30BenchMiner'),
  model: 'noop',
  generators: [new NoopGenerator()],
  storeBytes: storeMb * 1024 * 1024,
  maxConcurrentForwards: 1024,
});
process.stdout.write(`${JSON.stringify({ port: miner.target.port, hotkey: miner.target.hotkey })}\n`);
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  if (line.trim() !== 'stats') return;
  const cpu = process.cpuUsage();
  process.stdout.write(
    `${JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000, rssMb: process.memoryUsage().rss / 2 ** 20, stored: miner.store.size })}\n`,
  );
});
lines.on('close', () => {
  void miner.stop().then(() => process.exit(0));
});
