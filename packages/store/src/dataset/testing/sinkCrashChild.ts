// Child process for the crash test: appends rows to a sink and SIGKILLs itself at one step of
// its second flush. Args: dir, step, rows, hubUrl|-.
import { DatasetSink, type FlushStep } from '../datasetSink.js';
import { createHfUploader } from '../hfUploader.js';
import { TEST_COLUMNS, testRow } from './testRows.js';

const [dir, step, count, hubUrl] = process.argv.slice(2);
let flushes = 0;
const sink = await DatasetSink.open({
  dir: dir!,
  columns: TEST_COLUMNS,
  batchSizes: [10],
  uploader:
    hubUrl === '-'
      ? undefined
      : createHfUploader({ repo: 'me/data', accessToken: 'hf_test', hubUrl: hubUrl! }),
  onStep: (s: FlushStep) => {
    if (s === 'intent') flushes++;
    if (flushes === 2 && s === step) process.kill(process.pid, 'SIGKILL');
  },
  onError: (err) => {
    console.error(err);
    process.exit(3);
  },
});
const n = Number(count);
for (let i = 0; i < n; i += 7) {
  await sink.append(Array.from({ length: Math.min(7, n - i) }, (_, j) => testRow(i + j)));
}
console.log('no crash');
await sink.close();
