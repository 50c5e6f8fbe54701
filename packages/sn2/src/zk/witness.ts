import type { MemFile } from 'snarkjs';
import * as snarkjs from 'snarkjs';

/**
 * Full witness for an input, in-process (no proof). The validator reads new scores from it
 * (spec §4.4); wire 0 is the constant 1, outputs start at wire 1.
 */
export async function calculateWitness(wasmPath: string, input: Record<string, unknown>): Promise<bigint[]> {
  const mem: MemFile = { type: 'mem' };
  await snarkjs.wtns.calculate(input, wasmPath, mem);
  return snarkjs.wtns.exportJson(mem);
}
