// Groth16 prove time and constraint count per circuit: the PoW incentive at batch 2 (the demo's)
// and 16, the MLP, and the constraint count of the production batch 256 (compiled only: it needs a
// 2^19 ptau and ../shared/zk has 2^16, see docs/sn2.md).
import { median, writeBenchResult } from '@taonode/bench';
import { mlpCircuit, powCircuit } from './circuits/catalog.js';
import type { CircuitDefinition } from './circuits/definition.js';
import { generateMlpInputs } from './inputs/mlpInputs.js';
import { generatePowInputs } from './inputs/powInputs.js';
import { toWireInputs } from './protocol.js';
import { ProverPool } from './prover/proverPool.js';
import { buildCircuit } from './zk/buildCircuit.js';
import { compileCircuit } from './zk/compileCircuit.js';
import { testPtauSource } from './zk/ptau.js';
import { requiredPtauPower } from './zk/setupGroth16.js';
import { calculateWitness } from './zk/witness.js';

const RUNS = 3;
const round = (x: number): number => Math.round(x);

function inputFor(def: CircuitDefinition): Record<string, unknown> {
  const batch = def.args[0];
  return batch === undefined ? { ...generateMlpInputs() } : toWireInputs(generatePowInputs(batch));
}

async function main(): Promise<void> {
  const pool = new ProverPool({ concurrency: 1 });
  pool.warmUp();
  const results: Record<string, unknown>[] = [];
  try {
    for (const def of [powCircuit(2), powCircuit(16), mlpCircuit()]) {
      const setupStarted = performance.now();
      const art = await buildCircuit(def, { ptau: testPtauSource() });
      const buildMs = performance.now() - setupStarted;
      const prove: number[] = [];
      const witness: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const input = inputFor(def);
        let t = performance.now();
        await calculateWitness(art.wasmPath, input);
        witness.push(performance.now() - t);
        t = performance.now();
        await pool.prove({ wasmPath: art.wasmPath, zkeyPath: art.zkeyPath, input });
        prove.push(performance.now() - t);
      }
      results.push({
        circuit: def.name,
        constraints: art.compiled.header.constraints,
        publicSignals: art.compiled.header.outputs + art.compiled.header.publicInputs,
        ptauPower: requiredPtauPower(art.compiled),
        witnessMsMedian: round(median(witness)),
        proveMsMedian: round(median(prove)),
        buildOrCacheMs: round(buildMs),
      });
    }
    const started = performance.now();
    const big = await compileCircuit(powCircuit(256));
    results.push({
      circuit: 'sn2-pow-256',
      constraints: big.header.constraints,
      publicSignals: big.header.outputs + big.header.publicInputs,
      ptauPower: requiredPtauPower(big),
      fitsTestPtau: requiredPtauPower(big) <= 16,
      compileOrCacheMs: round(performance.now() - started),
      note: 'not proven: needs a 2^19 powers-of-tau file',
    });
  } finally {
    await pool.close();
  }
  writeBenchResult('sn2-prove', { runs: RUNS, proverConcurrency: 1, results });
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
