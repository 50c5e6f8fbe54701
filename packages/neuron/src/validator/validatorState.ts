import { mkdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '@taonode/wallet';
import { z } from 'zod';

const weightsRecordSchema = z.object({
  block: z.number().int().nonnegative(),
  epoch: z.number().int(),
  uids: z.array(z.number().int().nonnegative()),
  weights: z.array(z.number()),
  mode: z.string(),
});

const validatorStateSchema = z.object({
  version: z.literal(1),
  netuid: z.number().int().nonnegative(),
  hotkey: z.string(),
  step: z.number().int().nonnegative(),
  hotkeys: z.array(z.string().nullable()),
  scores: z.array(z.number().finite()),
  /** The last weights this validator submitted (or saw land); guards against sending them twice. */
  lastWeights: weightsRecordSchema.nullable(),
  updatedAt: z.string(),
});

export type ValidatorState = z.infer<typeof validatorStateSchema>;
export type WeightsRecord = z.infer<typeof weightsRecordSchema>;

export const STATE_FILE = 'validator-state.json';

export type LoadStateResult =
  | { kind: 'loaded'; state: ValidatorState }
  | { kind: 'missing' }
  | { kind: 'corrupt'; movedTo: string; reason: string }
  | { kind: 'mismatch'; reason: string };

/** Reads the state file; a corrupt one is moved aside (kept for inspection), never fatal. */
export async function loadValidatorState(
  dir: string,
  expect: { netuid: number; hotkey: string },
): Promise<LoadStateResult> {
  const file = join(dir, STATE_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw error;
  }
  let reason: string;
  try {
    const parsed = validatorStateSchema.safeParse(JSON.parse(text));
    if (parsed.success) {
      const s = parsed.data;
      if (s.netuid !== expect.netuid || s.hotkey !== expect.hotkey) {
        return { kind: 'mismatch', reason: `state is for netuid ${s.netuid} hotkey ${s.hotkey}` };
      }
      if (s.scores.length !== s.hotkeys.length) reason = 'scores and hotkeys differ in length';
      else return { kind: 'loaded', state: s };
    } else {
      reason = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    }
  } catch (error) {
    reason = `not JSON: ${(error as Error).message}`;
  }
  const movedTo = `${file}.corrupt-${Date.now()}`;
  await rename(file, movedTo);
  return { kind: 'corrupt', movedTo, reason };
}

export async function saveValidatorState(dir: string, state: ValidatorState): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFileAtomic(join(dir, STATE_FILE), `${JSON.stringify(state)}\n`);
}
