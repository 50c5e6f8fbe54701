/**
 * Per-uid moving average of rewards, keyed to the hotkey that earned it: when a uid changes hands
 * (deregistered and re-registered by someone else) its score starts again from zero.
 */
export interface ScoreBookSnapshot {
  hotkeys: (string | null)[];
  scores: number[];
}

export class ScoreBook {
  private hotkeys: (string | null)[];
  private scores: number[];

  constructor(snapshot?: ScoreBookSnapshot) {
    this.hotkeys = [...(snapshot?.hotkeys ?? [])];
    this.scores = [...(snapshot?.scores ?? [])];
    while (this.scores.length < this.hotkeys.length) this.scores.push(0);
  }

  get size(): number {
    return this.scores.length;
  }

  score(uid: number): number {
    return this.scores[uid] ?? 0;
  }

  /** Aligns with the metagraph: resizes, and zeroes every uid whose hotkey changed. Returns those uids. */
  syncHotkeys(current: readonly string[]): number[] {
    const reset: number[] = [];
    for (let uid = 0; uid < current.length; uid++) {
      const known = this.hotkeys[uid];
      if (known !== current[uid]) {
        if (known !== undefined && known !== null && (this.scores[uid] ?? 0) !== 0) reset.push(uid);
        this.scores[uid] = 0;
        this.hotkeys[uid] = current[uid]!;
      }
    }
    this.hotkeys.length = current.length;
    this.scores.length = current.length;
    return reset;
  }

  /** score ← alpha·reward + (1 − alpha)·score for each rewarded uid; bad rewards count as 0. */
  update(rewards: readonly { uid: number; reward: number }[], alpha: number): void {
    for (const { uid, reward } of rewards) {
      if (!Number.isInteger(uid) || uid < 0 || uid >= this.scores.length) continue;
      const r = Number.isFinite(reward) && reward > 0 ? reward : 0;
      this.scores[uid] = alpha * r + (1 - alpha) * (this.scores[uid] ?? 0);
    }
  }

  /** Scores as weights over every uid that has a positive score (the chain normalises further). */
  toWeights(): { uids: number[]; weights: number[] } {
    const uids: number[] = [];
    const weights: number[] = [];
    const total = this.scores.reduce((a, b) => a + Math.max(b, 0), 0);
    if (total <= 0) return { uids, weights };
    this.scores.forEach((s, uid) => {
      if (s > 0) {
        uids.push(uid);
        weights.push(s / total);
      }
    });
    return { uids, weights };
  }

  snapshot(): ScoreBookSnapshot {
    return { hotkeys: [...this.hotkeys], scores: [...this.scores] };
  }
}
