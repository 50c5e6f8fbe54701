import type { CircuitDefinition } from '../circuits/definition.js';
import { type CompiledCircuit, compileCircuit } from './compileCircuit.js';
import { defaultCacheDir } from './paths.js';
import { loadPtau, type PtauSource } from './ptau.js';
import { type Contribution, type Groth16Keys, setupGroth16 } from './setupGroth16.js';

/** Everything a miner needs to prove and a validator needs to verify one circuit. */
export interface CircuitArtifacts extends Groth16Keys {
  definition: CircuitDefinition;
  compiled: CompiledCircuit;
  wasmPath: string;
  r1csPath: string;
}

export interface BuildOptions {
  ptau: PtauSource;
  cacheDir?: string;
  contribution?: Contribution;
}

/** Compile (cached by content hash) and set up (cached by ptau and beacon) one circuit. */
export async function buildCircuit(def: CircuitDefinition, opts: BuildOptions): Promise<CircuitArtifacts> {
  const cacheDir = opts.cacheDir ?? defaultCacheDir;
  const compiled = await compileCircuit(def, { cacheDir });
  const ptau = await loadPtau(opts.ptau, cacheDir);
  const keys = await setupGroth16(compiled, ptau, opts.contribution);
  return { ...keys, definition: def, compiled, wasmPath: compiled.wasmPath, r1csPath: compiled.r1csPath };
}
