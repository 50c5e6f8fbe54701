import type { Logger, MemFile } from 'snarkjs';
import * as snarkjs from 'snarkjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateMlpInputs } from '../inputs/mlpInputs.js';
import { generatePowInputs } from '../inputs/powInputs.js';
import { seededRng } from '../inputs/random.js';
import { TEST_POW_BATCH, testMlpCircuit, testPowCircuit } from '../testing/testCircuits.js';
import type { CircuitArtifacts } from '../zk/buildCircuit.js';
import { FIELD_MODULUS } from '../zk/field.js';
import { freeWires, type LoadedR1cs, loadR1cs, unsatisfiedConstraints } from '../zk/r1csCheck.js';
import { powCircuit } from './catalog.js';

// Soundness: a prover must not be able to claim an output the circuit did not compute. We build an
// honest witness, change output wires, and check the constraint system rejects it, both with our
// own evaluator and with snarkjs `wtns check`.

/** Offset of the witness values inside a .wtns file held in memory. */
function wtnsValuesOffset(data: Uint8Array): { offset: number; n8: number } {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let pos = 12;
  let n8 = 32;
  for (let s = 0; s < view.getUint32(8, true); s++) {
    const type = view.getUint32(pos, true);
    const size = Number(view.getBigUint64(pos + 4, true));
    if (type === 1) n8 = view.getUint32(pos + 12, true);
    if (type === 2) return { offset: pos + 12, n8 };
    pos += 12 + size;
  }
  throw new Error('no witness section');
}

// snarkjs' witness check reports failures through a logger it does not check for.
const quiet: Logger = { info() {}, warn() {}, error() {}, debug() {} };

function setWire(mem: MemFile, wire: number, value: bigint): void {
  const data = mem.data!;
  const { offset, n8 } = wtnsValuesOffset(data);
  let v = value;
  for (let i = 0; i < n8; i++) {
    data[offset + wire * n8 + i] = Number(v & 0xffn);
    v >>= 8n;
  }
}

describe('proof-of-weights circuit soundness', () => {
  let pow: CircuitArtifacts;
  let r1cs: LoadedR1cs;
  let input: Record<string, unknown>;
  let mem: MemFile;
  let witness: bigint[];

  beforeAll(async () => {
    pow = await testPowCircuit();
    r1cs = await loadR1cs(pow.r1csPath);
    input = generatePowInputs(TEST_POW_BATCH, seededRng(7));
    mem = { type: 'mem' };
    await snarkjs.wtns.calculate(input, pow.wasmPath, mem);
    witness = await snarkjs.wtns.exportJson(mem);
  }, 600_000);

  it('the honest witness satisfies every constraint', async () => {
    expect(unsatisfiedConstraints(r1cs, witness)).toEqual([]);
    expect(await snarkjs.wtns.check(pow.r1csPath, mem, quiet)).toBe(true);
  });

  it('a forged new_score output is rejected (snarkjs wtns check and our evaluator)', async () => {
    const forged = (witness[1]! + 1_000_000n) % FIELD_MODULUS;
    const tampered = [...witness];
    tampered[1] = forged;
    expect(unsatisfiedConstraints(r1cs, tampered).length).toBeGreaterThan(0);

    const copy: MemFile = { type: 'mem', data: new Uint8Array(mem.data!) };
    setWire(copy, 1, forged);
    expect(await snarkjs.wtns.check(pow.r1csPath, copy, quiet)).toBe(false);
  });

  it('no output wire can be changed on its own', () => {
    for (let wire = 1; wire <= r1cs.nOutputs; wire++) {
      const tampered = [...witness];
      tampered[wire] = (tampered[wire]! + 1n) % FIELD_MODULUS;
      expect(unsatisfiedConstraints(r1cs, tampered).length, `output wire ${wire}`).toBeGreaterThan(0);
    }
  });

  it('every wire is constrained except the public inputs the incentive ignores', () => {
    const def = powCircuit(TEST_POW_BATCH);
    const ignored = new Set([
      'proof_size',
      'FLATTENING_COEFFICIENT',
      'PROOF_SIZE_WEIGHT',
      'PROOF_SIZE_THRESHOLD',
    ]);
    const allowed = new Set<number>();
    let wire = 1 + r1cs.nOutputs;
    for (const g of def.publicInputs) {
      for (let i = 0; i < g.size; i++) if (ignored.has(g.name)) allowed.add(wire + i);
      wire += g.size;
    }
    const free = freeWires(r1cs);
    expect(free.filter((w) => !allowed.has(w))).toEqual([]);
  });
});

describe('MLP circuit soundness', () => {
  it('every wire is constrained and a forged output is rejected', async () => {
    const mlp = await testMlpCircuit();
    const r1cs = await loadR1cs(mlp.r1csPath);
    expect(freeWires(r1cs)).toEqual([]);
    const mem: MemFile = { type: 'mem' };
    await snarkjs.wtns.calculate({ ...generateMlpInputs(seededRng(3)) }, mlp.wasmPath, mem);
    const witness = await snarkjs.wtns.exportJson(mem);
    expect(unsatisfiedConstraints(r1cs, witness)).toEqual([]);
    const tampered = [...witness];
    tampered[1] = (tampered[1]! + 1n) % FIELD_MODULUS;
    expect(unsatisfiedConstraints(r1cs, tampered).length).toBeGreaterThan(0);
  }, 600_000);
});
