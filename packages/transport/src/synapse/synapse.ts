import { z } from 'zod';
import { type TerminalInfo, terminalInfoSchema } from './terminalInfo.js';

/** The base fields every synapse carries, in wire order (§1.2). */
export interface SynapseBase {
  name: string;
  /** seconds */
  timeout: number;
  total_size: number;
  header_size: number;
  dendrite: TerminalInfo;
  axon: TerminalInfo;
  computed_body_hash: string;
}

/**
 * Marks a synapse object with its type (SynapseDef), so `dendrite.query(axons, synapse)` needs
 * no extra argument. A symbol key: never serialised, but kept by object spread.
 */
export const SYNAPSE_TYPE: unique symbol = Symbol.for('taonode.synapseType');

/** A synapse instance: base fields plus the subnet's own fields `F`. */
export type Synapse<F extends object = Record<string, unknown>> = SynapseBase &
  F & { [SYNAPSE_TYPE]?: unknown };

export const DEFAULT_TIMEOUT_S = 12;

const nonNegInt = z
  .union([z.number().int(), z.bigint()])
  .transform((v) => Number(v))
  .pipe(z.number().nonnegative());

export const synapseBaseSchema = z.object({
  name: z.string().optional(),
  timeout: z.number().positive().finite().default(DEFAULT_TIMEOUT_S),
  // Python fills these with sys.getsizeof noise; accept any int (§1.3).
  total_size: nonNegInt.default(0),
  header_size: nonNegInt.default(0),
  dendrite: terminalInfoSchema,
  axon: terminalInfoSchema,
  computed_body_hash: z.string().default(''),
});

/** True for a synapse a dendrite can report on: the call succeeded end to end. */
export function isSuccess(s: SynapseBase): boolean {
  return s.dendrite.status_code === 200;
}
export function isTimeout(s: SynapseBase): boolean {
  return s.dendrite.status_code === 408;
}
export function isBlacklist(s: SynapseBase): boolean {
  return s.dendrite.status_code === 403;
}
export function failedVerification(s: SynapseBase): boolean {
  return s.dendrite.status_code === 401;
}
