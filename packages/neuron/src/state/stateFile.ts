import { readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { perUidScoresSchema } from '../scoring/perUidScores.js';

/** A validator's one state file; a miner's (only when its plug-in keeps state) is `miner-state.json`. */
export const STATE_FILE = 'validator-state.json';
export const MINER_STATE_FILE = 'miner-state.json';

const weightsRecordSchema = z.object({
  block: z.number().int().nonnegative(),
  epoch: z.number().int(),
  uids: z.array(z.number().int().nonnegative()),
  weights: z.array(z.number()),
  mode: z.string(),
});
export type WeightsRecord = z.infer<typeof weightsRecordSchema>;

/** What versions before the scoring strategies wrote: the runtime's moving average only. */
export const stateV1Schema = z.object({
  version: z.literal(1),
  netuid: z.number().int().nonnegative(),
  hotkey: z.string(),
  step: z.number().int().nonnegative(),
  hotkeys: perUidScoresSchema.shape.hotkeys,
  scores: perUidScoresSchema.shape.scores,
  lastWeights: weightsRecordSchema.nullable(),
  updatedAt: z.string(),
});

/**
 * Version 2: the scoring strategy's own state (typed by the strategy, checked on load), the step
 * counter, the last weights (guards against sending them twice), the plug-in's named state slots,
 * and `scores` — one number per uid — for readers that know no strategy (demo table, dashboards, jq).
 */
export const stateV2Schema = z.object({
  version: z.literal(2),
  netuid: z.number().int().nonnegative(),
  hotkey: z.string(),
  step: z.number().int().nonnegative(),
  lastWeights: weightsRecordSchema.nullable(),
  scoring: z.object({ kind: z.string(), state: z.unknown() }).nullable(),
  scores: z.array(z.number()),
  plugin: z.record(z.string(), z.unknown()).default({}),
  updatedAt: z.string(),
});
export type StateV2 = z.infer<typeof stateV2Schema>;

export type ReadStateResult =
  | { kind: 'v2'; state: StateV2 }
  | { kind: 'v1'; state: z.infer<typeof stateV1Schema> }
  | { kind: 'missing' }
  | { kind: 'corrupt'; movedTo: string; reason: string }
  | { kind: 'mismatch'; reason: string };

/** Reads a state file of either version; a corrupt one is moved aside (kept for inspection), never fatal. */
export async function readStateFile(
  file: string,
  expect: { netuid: number; hotkey: string },
): Promise<ReadStateResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw error;
  }
  let reason: string;
  try {
    const json: unknown = JSON.parse(text);
    const version = (json as { version?: unknown } | null)?.version;
    const parsed = (version === 1 ? stateV1Schema : stateV2Schema).safeParse(json);
    if (parsed.success) {
      const s = parsed.data;
      if (s.netuid !== expect.netuid || s.hotkey !== expect.hotkey) {
        return { kind: 'mismatch', reason: `state is for netuid ${s.netuid} hotkey ${s.hotkey}` };
      }
      if (s.version === 1) {
        if (s.scores.length === s.hotkeys.length) return { kind: 'v1', state: s };
        reason = 'scores and hotkeys differ in length';
      } else {
        return { kind: 'v2', state: s };
      }
    } else {
      reason = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    }
  } catch (error) {
    reason = `not JSON: ${(error as Error).message}`;
  }
  return { kind: 'corrupt', movedTo: await moveAside(file), reason };
}

export async function moveAside(file: string, suffix = `corrupt-${Date.now()}`): Promise<string> {
  const movedTo = `${file}.${suffix}`;
  await rename(file, movedTo);
  return movedTo;
}

/** A subnet's own pre-v2 score file in `dir`, parsed; undefined when absent or not JSON. */
export async function readLegacyFile(dir: string, name: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(join(dir, name), 'utf8'));
  } catch {
    return undefined;
  }
}

export type LoadStateResult =
  | {
      kind: 'loaded';
      state: { version: 1 | 2; step: number; scores: number[]; lastWeights: WeightsRecord | null };
    }
  | Exclude<ReadStateResult, { kind: 'v1' | 'v2' }>;

/**
 * A validator's saved state as any reader outside the daemon sees it (the demo's table, tests,
 * dashboards): step, one score per uid, the last weights; either file version.
 */
export async function loadValidatorState(
  dir: string,
  expect: { netuid: number; hotkey: string },
): Promise<LoadStateResult> {
  const r = await readStateFile(join(dir, STATE_FILE), expect);
  if (r.kind !== 'v1' && r.kind !== 'v2') return r;
  const { version, step, scores, lastWeights } = r.state;
  return { kind: 'loaded', state: { version, step, scores, lastWeights } };
}
