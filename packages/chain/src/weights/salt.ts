import { randomBytes } from 'node:crypto';
import { WeightsInputError } from './errors.js';

/** Eight random u16s, the salt length the Python SDK uses. */
export function randomSalt(length = 8): number[] {
  if (!Number.isInteger(length) || length < 1)
    throw new WeightsInputError('InvalidSalt', 'salt length must be ≥ 1');
  const bytes = randomBytes(length * 2);
  return Array.from({ length }, (_, i) => bytes.readUInt16LE(i * 2));
}
