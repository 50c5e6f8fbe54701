import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '@taonode/wallet';
import { z } from 'zod';
import { type RewardUpdate, resyncScores, updateMovingAverage } from '../scoring/movingAverage.js';

export const SN24_STATE_FILE = 'sn24-validator.json';

const stateSchema = z.object({
  version: z.literal(1),
  hotkeys: z.array(z.string()),
  /** Spec §5.6 moving average; may be negative after a −5 punishment. */
  scores: z.array(z.number()),
  /** What the runtime's own (non-negative) book should hold for each uid, see `runtimeRewards`. */
  mirror: z.array(z.number()),
  step: z.number().int().min(0),
});
type State = z.infer<typeof stateSchema>;

/**
 * The SN24 validator's scores, kept beside the runtime's book because the spec's moving average
 * goes negative (−5 punishments) and skips a step on reward null, which the runtime's book does not
 * do. Each step ends with one atomic write, so a crash keeps the last completed step.
 */
export class Sn24ScoreState {
  private constructor(
    private state: State,
    private readonly file: string,
  ) {}

  static async load(dir: string): Promise<{ state: Sn24ScoreState; problem?: string }> {
    const file = join(dir, SN24_STATE_FILE);
    const fresh: State = { version: 1, hotkeys: [], scores: [], mirror: [], step: 0 };
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      return { state: new Sn24ScoreState(fresh, file) };
    }
    try {
      return { state: new Sn24ScoreState(stateSchema.parse(JSON.parse(text)), file) };
    } catch (err) {
      const problem = err instanceof Error ? err.message.slice(0, 200) : String(err);
      return { state: new Sn24ScoreState(fresh, file), problem };
    }
  }

  get scores(): readonly number[] {
    return this.state.scores;
  }

  get step(): number {
    return this.state.step;
  }

  /** Follows the metagraph: a uid whose hotkey changed, and every new uid, start at 0. */
  sync(hotkeys: readonly string[]): void {
    const old = this.state.hotkeys;
    this.state.scores = resyncScores(this.state.scores, old, hotkeys);
    this.state.mirror = resyncScores(this.state.mirror, old, hotkeys);
    this.state.hotkeys = [...hotkeys];
  }

  /**
   * Applies one step's rewards (α·r + (1−α)·s, null = no update) and returns one reward per known
   * uid for the runtime: chosen so that the runtime's book, which clamps rewards at 0, lands on
   * max(0, score). It can only fall by a factor (1 − α) per step, so a punished miner's weight
   * reaches 0 over a few steps instead of at once.
   */
  apply(
    updates: readonly RewardUpdate[],
    alpha: number,
    /** What the book should follow instead of max(0, score), e.g. the Focus-weighted vector. */
    targetOf?: (scores: readonly number[]) => readonly number[],
  ): { uid: number; reward: number }[] {
    this.state.scores = updateMovingAverage(this.state.scores, updates, alpha);
    this.state.step++;
    const targets = targetOf?.(this.state.scores);
    return this.state.scores.map((s, uid) => {
      const held = this.state.mirror[uid] ?? 0;
      const target = Math.max(0, targets === undefined ? s : (targets[uid] ?? 0));
      const reward = alpha > 0 ? Math.max(0, (target - (1 - alpha) * held) / alpha) : 0;
      this.state.mirror[uid] = alpha * reward + (1 - alpha) * held;
      return { uid, reward };
    });
  }

  async save(): Promise<void> {
    await writeFileAtomic(this.file, JSON.stringify(this.state));
  }
}
