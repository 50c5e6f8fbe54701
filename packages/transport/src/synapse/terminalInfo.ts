import { z } from 'zod';

/** §1.2: who sent / served a synapse. Field names are the wire names (Python snake_case). */
export interface TerminalInfo {
  status_code: number | null;
  status_message: string | null;
  process_time: number | null;
  ip: string | null;
  port: number | null;
  version: number | null;
  /** ns since the epoch (> 2^53, so a bigint). */
  nonce: bigint | null;
  uuid: string | null;
  hotkey: string | null;
  signature: string | null;
}

export const TERMINAL_FIELDS = [
  'status_code',
  'status_message',
  'process_time',
  'ip',
  'port',
  'version',
  'nonce',
  'uuid',
  'hotkey',
  'signature',
] as const satisfies readonly (keyof TerminalInfo)[];

export function emptyTerminal(): TerminalInfo {
  return {
    status_code: null,
    status_message: null,
    process_time: null,
    ip: null,
    port: null,
    version: null,
    nonce: null,
    uuid: null,
    hotkey: null,
    signature: null,
  };
}

const int = z.union([z.number().int(), z.bigint()]).transform((v) => Number(v));
const nonce = z
  .union([z.bigint(), z.number().int(), z.string().regex(/^\d{1,30}$/)])
  .transform((v) => BigInt(v));

/** Parses a body's `dendrite`/`axon` object; missing keys become null, unknown keys are dropped. */
export const terminalInfoSchema = z
  .object({
    status_code: int.nullish(),
    status_message: z.string().nullish(),
    process_time: z.number().nullish(),
    ip: z.string().nullish(),
    port: int.nullish(),
    version: int.nullish(),
    nonce: nonce.nullish(),
    uuid: z.string().nullish(),
    hotkey: z.string().nullish(),
    signature: z.string().nullish(),
  })
  .nullish()
  .transform((t): TerminalInfo => {
    const out = emptyTerminal();
    if (t == null) return out;
    for (const k of TERMINAL_FIELDS) {
      const v = t[k];
      if (v !== undefined && v !== null) (out as unknown as Record<string, unknown>)[k] = v;
    }
    return out;
  });
