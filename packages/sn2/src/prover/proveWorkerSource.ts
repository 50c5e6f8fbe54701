/**
 * Source of the proving worker, run with `eval: true` so the same code works from src/ (tests,
 * tsx) and dist/ without a TypeScript loader inside the worker. It imports snarkjs by file URL.
 *
 * snarkjs' curve code (ffjavascript, through the `web-worker` package) decides whether it is the
 * parent of its WASM thread pool by reading `worker_threads.isMainThread` when first loaded.
 * Inside our worker that is false and building the pool fails ("Worker is not a constructor");
 * its single-thread mode instead rebuilds the curve for every proof (seconds each). So the worker
 * presents itself as a main thread before loading snarkjs, builds the curve once at start, and
 * every proof reuses it with its own thread pool.
 */
export const PROVE_WORKER_SOURCE = `
const threads = require('node:worker_threads');
const { parentPort, workerData } = threads;
Object.defineProperty(threads, 'isMainThread', { value: true, configurable: true });
// The witness calculator prints constraint failures to the console; keep them for the error
// instead of writing into the daemon's log stream.
let captured = [];
console.log = console.error = console.warn = (...args) => { captured.push(args.join(' ')); };
const ready = import(workerData.snarkjsUrl).then(async (snarkjs) => {
  await snarkjs.curves.getCurveFromName('bn128');
  return snarkjs;
});
parentPort.on('message', async (job) => {
  captured = [];
  try {
    const snarkjs = await ready;
    const started = performance.now();
    const { proof, publicSignals } = await snarkjs.groth16.fullProve(job.input, job.wasmPath, job.zkeyPath);
    parentPort.postMessage({ id: job.id, ok: true, proof, publicSignals, ms: performance.now() - started });
  } catch (err) {
    parentPort.postMessage({ id: job.id, ok: false, error: String(err && err.message ? err.message : err),
      log: captured.join(String.fromCharCode(10)).slice(-2000) });
  }
});
`;
