import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '@taonode/wallet';
import { z } from 'zod';

export const SN2_STATE_FILE = 'sn2-validator.json';

const entrySchema = z.object({ verified: z.boolean(), responseTime: z.number() });
const stateSchema = z.object({
  version: z.literal(1),
  hotkeys: z.array(z.string().nullable()),
  scores: z.array(z.number()),
  /** circuit name → uid (as text) → the uid's latest response (one entry per uid, spec §4.4). */
  evaluation: z.record(z.string(), z.record(z.string(), entrySchema)),
});
export type Sn2State = z.infer<typeof stateSchema>;

/**
 * The validator's SN2 memory: each uid's score and each circuit's evaluation store. Scores mirror
 * the runtime's per-uid book (see `runtimeReward`); a uid whose hotkey changes starts again at 0.
 */
export class ScoreState {
  private constructor(
    private state: Sn2State,
    private readonly file: string,
  ) {}

  /** Loads the saved state; a missing or unreadable file starts fresh (the reason is returned). */
  static async load(dir: string): Promise<{ state: ScoreState; problem?: string }> {
    const file = join(dir, SN2_STATE_FILE);
    const fresh = (): Sn2State => ({ version: 1, hotkeys: [], scores: [], evaluation: {} });
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      return { state: new ScoreState(fresh(), file) };
    }
    try {
      return { state: new ScoreState(stateSchema.parse(JSON.parse(text)), file) };
    } catch (err) {
      const problem = err instanceof Error ? err.message.slice(0, 200) : String(err);
      return { state: new ScoreState(fresh(), file), problem };
    }
  }

  get size(): number {
    return this.state.scores.length;
  }

  score(uid: number): number {
    return this.state.scores[uid] ?? 0;
  }

  setScore(uid: number, value: number): void {
    this.state.scores[uid] = value;
  }

  /** Aligns with the metagraph; returns the uids that changed hands (score and records dropped). */
  syncHotkeys(current: readonly string[]): number[] {
    const reset: number[] = [];
    for (let uid = 0; uid < current.length; uid++) {
      if (this.state.hotkeys[uid] === current[uid]) continue;
      if (this.state.hotkeys[uid] != null) reset.push(uid);
      this.state.hotkeys[uid] = current[uid]!;
      this.state.scores[uid] = 0;
      for (const store of Object.values(this.state.evaluation)) delete store[String(uid)];
    }
    this.state.hotkeys.length = current.length;
    this.state.scores.length = current.length;
    for (let uid = 0; uid < current.length; uid++) this.state.scores[uid] ??= 0;
    return reset;
  }

  /** Replaces the uid's entry in the circuit's store; returns the store's successful times. */
  record(circuit: string, uid: number, verified: boolean, responseTime: number): number[] {
    this.state.evaluation[circuit] ??= {};
    const store = this.state.evaluation[circuit];
    store[String(uid)] = { verified, responseTime };
    return Object.values(store)
      .filter((e) => e.verified && e.responseTime > 0)
      .map((e) => e.responseTime);
  }

  async save(): Promise<void> {
    await writeFileAtomic(this.file, JSON.stringify(this.state));
  }
}
