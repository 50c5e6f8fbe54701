/** BN254 scalar field modulus: every circom signal and public signal is reduced modulo this. */
export const FIELD_MODULUS = 21888242871839275222246405745257275088548364400416034343698204186575808495617n;

/** Maps an integer (negative allowed) or boolean to its field element, as the reference does (§4.3). */
export function toField(value: bigint | number | boolean): bigint {
  if (typeof value === 'boolean') return value ? 1n : 0n;
  if (typeof value === 'number' && !Number.isSafeInteger(value)) {
    throw new RangeError(`not a safe integer: ${value}; scale values to integers before proving`);
  }
  const v = BigInt(value);
  const r = v % FIELD_MODULUS;
  return r < 0n ? r + FIELD_MODULUS : r;
}

/** Reads a field element as a signed integer (values above p/2 are negative). */
export function fromFieldSigned(value: bigint): bigint {
  return value > FIELD_MODULUS / 2n ? value - FIELD_MODULUS : value;
}
