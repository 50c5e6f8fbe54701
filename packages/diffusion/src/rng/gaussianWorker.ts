// Entry of a noise worker thread (see gaussianWorkers.ts): fills its part of a draw in shared memory
// with the same fillGaussian as the main thread, so where a value is computed changes nothing.
import { parentPort } from 'node:worker_threads';
import { fillGaussian } from './gaussian.js';
import type { NoiseJob } from './gaussianWorkers.js';

const port = parentPort;
if (port === null) throw new Error('gaussianWorker runs as a worker thread');
port.on('message', (job: NoiseJob) => {
  fillGaussian(new Float32Array(job.buffer, job.byteOffset, job.length), job.seed, job.draw, job.offset);
  port.postMessage(job.id);
});
port.postMessage('ready');
