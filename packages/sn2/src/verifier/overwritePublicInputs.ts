import { type CircuitDefinition, outputSignalCount, publicSignalCount } from '../circuits/definition.js';
import { Sn2Error } from '../zk/errors.js';
import { toField } from '../zk/field.js';

export class InputShapeError extends Sn2Error {
  override name = 'InputShapeError';
}

function flatten(value: unknown, out: bigint[], name: string): void {
  if (Array.isArray(value)) {
    for (const v of value) flatten(v, out, name);
  } else if (typeof value === 'bigint' || typeof value === 'boolean') {
    out.push(toField(value));
  } else if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) {
      throw new InputShapeError(`input ${name} holds a non-integer; scale it before proving`, {
        name,
        value,
      });
    }
    out.push(toField(value));
  } else if (typeof value === 'string' && /^-?\d+$/.test(value)) {
    out.push(toField(BigInt(value)));
  } else {
    throw new InputShapeError(`input ${name} holds a value that is not an integer`, { name });
  }
}

/**
 * Replaces the public-input positions of a miner's public signals with the validator's own
 * inputs (spec §4.3): negative numbers become p - |x|, booleans 0/1. Output positions keep the
 * miner's values, so a proof verifies only if it proves this circuit on exactly these inputs.
 */
export function overwritePublicInputs(
  def: CircuitDefinition,
  minerSignals: readonly bigint[],
  validatorInputs: Readonly<Record<string, unknown>>,
): bigint[] {
  if (minerSignals.length !== publicSignalCount(def)) {
    throw new InputShapeError('public signal count does not match the circuit', {
      expected: publicSignalCount(def),
      actual: minerSignals.length,
    });
  }
  const signals = [...minerSignals];
  let index = outputSignalCount(def);
  for (const group of def.publicInputs) {
    if (Object.hasOwn(validatorInputs, group.name)) {
      const values: bigint[] = [];
      flatten(validatorInputs[group.name], values, group.name);
      if (values.length !== group.size) {
        throw new InputShapeError(
          `input ${group.name} has ${values.length} values; the circuit takes ${group.size}`,
          {
            name: group.name,
          },
        );
      }
      for (let i = 0; i < group.size; i++) signals[index + i] = values[i]!;
    }
    index += group.size;
  }
  return signals;
}
