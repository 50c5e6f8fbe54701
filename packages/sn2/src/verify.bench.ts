// Proofs verified per second: in-process with a prepared verification key vs the reference's way,
// spawning `snarkjs g16v` per proof (spec §4.3). Goal: at least 10x.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBenchResult } from '@taonode/bench';
import * as snarkjs from 'snarkjs';
import { mlpCircuit, powCircuit } from './circuits/catalog.js';
import { generateMlpInputs } from './inputs/mlpInputs.js';
import { generatePowInputs } from './inputs/powInputs.js';
import { toWireInputs } from './protocol.js';
import { ProverPool } from './prover/proverPool.js';
import { snarkjsCliPath } from './testing/snarkjsCli.js';
import { CircuitRegistry } from './verifier/circuitRegistry.js';
import { releaseCurve } from './verifier/groth16Verifier.js';
import { verifyResponse } from './verifier/verifyResponse.js';
import { buildCircuit } from './zk/buildCircuit.js';
import { testPtauSource } from './zk/ptau.js';

const IN_PROCESS = 40;
const CLI = 6;

async function main(): Promise<void> {
  const pool = new ProverPool({ concurrency: 1 });
  const registry = new CircuitRegistry();
  const dir = mkdtempSync(join(tmpdir(), 'sn2-verify-bench-'));
  const results: Record<string, unknown>[] = [];
  try {
    for (const def of [powCircuit(16), mlpCircuit()]) {
      const art = await buildCircuit(def, { ptau: testPtauSource() });
      const id = await registry.register(def, art.vkJson);
      const input =
        def.type === 'proof_of_weights' ? toWireInputs(generatePowInputs(16)) : { ...generateMlpInputs() };
      const { proof, publicSignals } = await pool.prove({
        wasmPath: art.wasmPath,
        zkeyPath: art.zkeyPath,
        input,
      });
      const answer = { proof: JSON.stringify(proof), public_signals: JSON.stringify(publicSignals) };

      // Warm the curve, then time full verifyResponse calls (parse + overwrite + verify).
      await verifyResponse(registry, { circuitId: id, inputs: input, answer });
      let t = performance.now();
      for (let i = 0; i < IN_PROCESS; i++) {
        const r = await verifyResponse(registry, { circuitId: id, inputs: input, answer });
        if (!r.verified) throw new Error('bench proof did not verify');
      }
      const inProcessMs = (performance.now() - t) / IN_PROCESS;

      const vk: unknown = JSON.parse(art.vkJson);
      t = performance.now();
      for (let i = 0; i < IN_PROCESS; i++) await snarkjs.groth16.verify(vk, publicSignals, proof);
      const snarkjsApiMs = (performance.now() - t) / IN_PROCESS;

      const vkPath = join(dir, `${def.name}-vk.json`);
      const pubPath = join(dir, `${def.name}-public.json`);
      const proofPath = join(dir, `${def.name}-proof.json`);
      writeFileSync(vkPath, art.vkJson);
      writeFileSync(pubPath, JSON.stringify(publicSignals));
      writeFileSync(proofPath, JSON.stringify(proof));
      t = performance.now();
      for (let i = 0; i < CLI; i++) {
        const r = spawnSync(process.execPath, [snarkjsCliPath(), 'g16v', vkPath, pubPath, proofPath], {
          encoding: 'utf8',
        });
        if (!r.stdout.includes('OK!'))
          throw new Error(`snarkjs g16v did not say OK!: ${r.stdout}${r.stderr}`);
      }
      const cliMs = (performance.now() - t) / CLI;
      results.push({
        circuit: def.name,
        publicSignals: publicSignals.length,
        inProcessMsPerProof: round(inProcessMs),
        inProcessProofsPerSecond: round(1000 / inProcessMs),
        snarkjsApiMsPerProof: round(snarkjsApiMs),
        cliMsPerProof: round(cliMs),
        cliProofsPerSecond: round(1000 / cliMs),
        speedupVsCli: round(cliMs / inProcessMs),
      });
    }
  } finally {
    await pool.close();
    await releaseCurve();
    rmSync(dir, { recursive: true, force: true });
  }
  writeBenchResult('sn2-verify', { goal: 'in-process >= 10x snarkjs g16v per proof', results });
}

const round = (x: number): number => Math.round(x * 100) / 100;

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
