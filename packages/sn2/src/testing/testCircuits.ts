import { mlpCircuit, powCircuit } from '../circuits/catalog.js';
import { buildCircuit, type CircuitArtifacts } from '../zk/buildCircuit.js';
import { testPtauSource } from '../zk/ptau.js';

/** Batch size of the PoW circuit in tests: small enough to compile and prove in seconds. */
export const TEST_POW_BATCH = 2;

let pow: Promise<CircuitArtifacts> | undefined;
let mlp: Promise<CircuitArtifacts> | undefined;

/** Test artefacts, built once per content hash into the package cache and reused across runs. */
export function testPowCircuit(): Promise<CircuitArtifacts> {
  pow ??= buildCircuit(powCircuit(TEST_POW_BATCH), { ptau: testPtauSource() });
  return pow;
}

export function testMlpCircuit(): Promise<CircuitArtifacts> {
  mlp ??= buildCircuit(mlpCircuit(), { ptau: testPtauSource() });
  return mlp;
}
