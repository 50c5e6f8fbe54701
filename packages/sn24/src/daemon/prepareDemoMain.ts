#!/usr/bin/env node
// `taonode demo`'s one-off SN24 step, run before the daemons start: the tiny test models and a
// folder of generated videos, so miner and validator find them ready instead of racing to make them.
import { createFfmpeg } from '@taonode/media';
import { tinySn24ModelOptions } from '../testing/tinySn24Models.js';
import { ensureTestVideos } from './testVideoFolder.js';

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const dir = flag('--video-dir');
const count = Number(flag('--videos') ?? '3');
if (dir === undefined || !Number.isInteger(count) || count < 1) {
  process.stderr.write('usage: prepareDemoMain --video-dir <folder> [--videos <count>]\n');
  process.exit(2);
}
const started = performance.now();
await tinySn24ModelOptions();
await ensureTestVideos(await createFfmpeg(), dir, count);
process.stdout.write(
  `SN24 demo: tiny models and ${count} videos in ${dir} (${((performance.now() - started) / 1000).toFixed(1)} s)\n`,
);
