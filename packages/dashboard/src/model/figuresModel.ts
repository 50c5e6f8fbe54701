import type { ComponentValue } from '../events.js';
import { SeriesRing, type SeriesSlice } from './seriesRing.js';

/** A subnet's own figures: the latest value of each, and a history of the numeric ones. */
export class FiguresModel {
  readonly latest = new Map<string, { value: ComponentValue; at: number }>();
  private readonly series = new Map<string, SeriesRing>();
  firstAt: number | null = null;

  constructor(private readonly options: { retentionMs: number; maxKeys: number }) {}

  /** Applies the values that changed; returns them (what must be persisted), empty when none did. */
  apply(t: number, values: Iterable<[string, ComponentValue]>): [string, ComponentValue][] {
    const changed: [string, ComponentValue][] = [];
    for (const [key, value] of values) {
      const prev = this.latest.get(key);
      if (!prev && this.latest.size >= this.options.maxKeys) continue;
      if (prev && (prev.value === value || prev.at > t)) continue;
      this.latest.set(key, { value, at: t });
      changed.push([key, value]);
      if (this.firstAt === null || t < this.firstAt) this.firstAt = t;
      if (typeof value === 'number') {
        let ring = this.series.get(key);
        if (!ring) {
          ring = new SeriesRing({
            retentionMs: this.options.retentionMs,
            rawCapacity: 256,
            bucketCapacity: 1024,
          });
          this.series.set(key, ring);
        }
        ring.push(t, value, null);
      }
    }
    return changed;
  }

  history(from: number, to: number, points: number): { key: string; slice: SeriesSlice }[] {
    return [...this.series.entries()].map(([key, ring]) => ({ key, slice: ring.slice(from, to, points) }));
  }
}
