import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as snarkjs from 'snarkjs';
import { buildDirOnce } from './atomicDir.js';
import { readPtauPower } from './binHeaders.js';
import type { CompiledCircuit } from './compileCircuit.js';
import { CircuitBuildError } from './errors.js';
import type { VerifiedPtau } from './ptau.js';

/**
 * Phase-2 contribution. `beacon` (tests): a public, fixed beacon, so the key is reproducible and
 * its toxic waste is public: anyone can forge proofs for it. `random`: a fresh secret beacon that
 * is never stored; publish the resulting zkey and verification key for miners and validators.
 */
export type Contribution = { kind: 'beacon'; hashHex: string } | { kind: 'random' };

/** Fixed beacon used for test keys; never use those keys on a real network. */
export const TEST_BEACON: Contribution = {
  kind: 'beacon',
  hashHex: createHash('sha256').update('taonode sn2 test beacon').digest('hex'),
};

export interface Groth16Keys {
  zkeyPath: string;
  vkPath: string;
  /** Verification key JSON text as the snarkjs CLI writes it (`zkey export verificationkey`). */
  vkJson: string;
  /** Circuit id: sha256 of the verification key file, as the reference names its circuits. */
  id: string;
}

/** Smallest power p with 2^p >= constraints + public signals + 1 (snarkjs's Groth16 domain). */
export function requiredPtauPower(c: CompiledCircuit): number {
  const n = c.header.constraints + c.header.outputs + c.header.publicInputs + 1;
  return Math.ceil(Math.log2(n));
}

/** The verification key file bytes: what the reference hashes into a circuit id. */
export function verificationKeyJson(vk: Record<string, unknown>): string {
  return JSON.stringify(vk, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 1);
}

export function circuitIdOf(vkJson: string): string {
  return createHash('sha256').update(vkJson).digest('hex');
}

/** Groth16 setup (new zkey + one contribution) for a compiled circuit, cached by ptau and beacon. */
export async function setupGroth16(
  compiled: CompiledCircuit,
  ptau: VerifiedPtau,
  contribution: Contribution = TEST_BEACON,
): Promise<Groth16Keys> {
  const need = requiredPtauPower(compiled);
  const have = readPtauPower(ptau.path);
  if (need > have) {
    throw new CircuitBuildError(
      `${compiled.definition.name} needs a 2^${need} powers-of-tau file; the one given has 2^${have}`,
      { constraints: compiled.header.constraints, need, have },
    );
  }
  const beacon = contribution.kind === 'beacon' ? contribution.hashHex : randomBytes(32).toString('hex');
  const tag = contribution.kind === 'beacon' ? `beacon-${beacon.slice(0, 12)}` : `random-${Date.now()}`;
  const dir = join(compiled.dir, `setup-${ptau.sha256.slice(0, 12)}-${tag}`);
  await buildDirOnce(dir, async (tmp) => {
    const initial = join(tmp, 'circuit_0000.zkey');
    const final = join(tmp, 'circuit.zkey');
    await snarkjs.zKey.newZKey(compiled.r1csPath, ptau.path, initial);
    await snarkjs.zKey.beacon(initial, final, 'taonode sn2', beacon, 10);
    const vk = await snarkjs.zKey.exportVerificationKey(final);
    writeFileSync(join(tmp, 'verification_key.json'), verificationKeyJson(vk));
    rmSync(initial);
  });
  const vkPath = join(dir, 'verification_key.json');
  if (!existsSync(vkPath)) throw new CircuitBuildError('setup produced no verification key', { dir });
  const vkJson = readFileSync(vkPath, 'utf8');
  return { zkeyPath: join(dir, 'circuit.zkey'), vkPath, vkJson, id: circuitIdOf(vkJson) };
}
