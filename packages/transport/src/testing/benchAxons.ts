// Child process for the transport benches: starts `count` Dummy axons (Alice's hotkey) and prints
// one JSON line with their addresses, then serves until stdin closes. Run with tsx.
//   --count N  --delay-ms D (forward sleeps D ms)  --workers W (verify threads per axon)
import { Keypair } from '@taonode/wallet';
import { type Axon, createAxon } from '../axon/createAxon.js';
import { Dummy, sleep } from './fixtures.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const count = arg('count', 1);
const delayMs = arg('delay-ms', 0);
const workers = arg('workers', 0);
const signer = Keypair.fromUri('//Alice');

const axons: Axon[] = [];
for (let i = 0; i < count; i++) {
  // Spread over 127.0.0.2–127.0.0.17, like neurons on different hosts.
  const ip = count === 1 ? '127.0.0.1' : `127.0.0.${2 + (i % 16)}`;
  const axon = createAxon({ signer, ip, port: 0, verifyWorkers: workers, maxConcurrentForwards: 1024 });
  axon.attach(Dummy, {
    forward: async (s) => {
      if (delayMs > 0) await sleep(delayMs);
      s.dummy_output = s.dummy_input * 2;
      return s;
    },
  });
  await axon.start();
  axons.push(axon);
}
process.stdout.write(
  `${JSON.stringify({ hotkey: signer.ss58Address, axons: axons.map((a) => ({ ...a.address, hotkey: a.hotkey })) })}\n`,
);
// Each line on stdin answers with this process's CPU seconds so far (user+system, all threads),
// so benches can report CPU per request independent of how busy the machine is.
process.stdin.setEncoding('utf8');
process.stdin.on('data', () => {
  const u = process.cpuUsage();
  process.stdout.write(`${JSON.stringify({ cpuS: (u.user + u.system) / 1e6 })}\n`);
});
process.stdin.on('end', async () => {
  await Promise.all(axons.map((a) => a.stop()));
  process.exit(0);
});
