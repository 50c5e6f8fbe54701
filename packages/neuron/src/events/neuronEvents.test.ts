import { describe, expect, it } from 'vitest';
import { NeuronEventBus } from './neuronEvents.js';

describe('NeuronEventBus', () => {
  it('delivers typed events to subscribers until they unsubscribe, and keeps figures', () => {
    const errors: unknown[] = [];
    const bus = new NeuronEventBus((e) => errors.push(e));
    const seen: number[] = [];
    expect(bus.listening('weights')).toBe(false);
    const off = bus.on('weights', (e) => seen.push(e.block));
    bus.on('weights', () => {
      throw new Error('listener bug');
    });
    expect(bus.listening('weights')).toBe(true);
    bus.emit('weights', { block: 7, decidedAt: 6, mode: 'set', uids: [1], weights: [1] });
    off();
    bus.emit('weights', { block: 8, decidedAt: 8, mode: 'set', uids: [1], weights: [1] });
    expect(seen).toEqual([7]);
    expect(errors).toHaveLength(2);

    const figures: unknown[] = [];
    bus.on('figure', (f) => figures.push(f));
    bus.add('proofs');
    bus.add('proofs', 2);
    bus.set('commitment', 'posted');
    expect(Object.fromEntries(bus.figures())).toEqual({ proofs: 3, commitment: 'posted' });
    expect(figures).toEqual([
      { name: 'proofs', value: 1 },
      { name: 'proofs', value: 3 },
      { name: 'commitment', value: 'posted' },
    ]);
  });
});
