#!/usr/bin/env node
// `taonode demo`'s one-off SN21 step, run before the daemons start: the tiny caption models for the
// miners and the baseline, the demo's rows as SN24-layout parquet, the tiny ImageBind text encoder.
import { prepareSn21Demo } from './prepareSn21Demo.js';

const i = process.argv.indexOf('--dir');
const dir = i >= 0 ? process.argv[i + 1] : undefined;
if (dir === undefined) {
  process.stderr.write('usage: prepareDemoMain --dir <folder>\n');
  process.exit(2);
}
const started = performance.now();
const files = await prepareSn21Demo(dir);
process.stdout.write(
  `SN21 demo: models ${files.minerModels.join(', ')}, baseline ${files.baselineModel}, rows in ${files.datasetDir} (${((performance.now() - started) / 1000).toFixed(1)} s)\n`,
);
