import { describe, expect, it } from 'vitest';
import { PriorityGate } from './priorityGate.js';

describe('PriorityGate', () => {
  it('admits up to the limit, then the highest priority first', async () => {
    const gate = new PriorityGate(1, 10);
    expect(await gate.acquire(0, Date.now() + 10_000)).toBe('ok');
    const order: number[] = [];
    const waits = [1, 5, 3].map((p) => gate.acquire(p, Date.now() + 10_000).then(() => order.push(p)));
    gate.release();
    await Promise.resolve();
    gate.release();
    gate.release();
    await Promise.all(waits);
    expect(order).toEqual([5, 3, 1]);
  });

  it('times out queued requests and refuses when the queue is full', async () => {
    const gate = new PriorityGate(1, 1);
    await gate.acquire(0, Date.now() + 10_000);
    const late = gate.acquire(0, Date.now() + 20);
    expect(await gate.acquire(0, Date.now() + 10_000)).toBe('overloaded');
    expect(await late).toBe('timeout');
    expect(gate.queued).toBe(0);
  });

  it('tryAcquire takes a free slot at once and never jumps the queue', async () => {
    const gate = new PriorityGate(1, 10);
    expect(gate.tryAcquire()).toBe(true);
    expect(gate.tryAcquire()).toBe(false);
    const waiting = gate.acquire(0, Date.now() + 10_000);
    gate.release();
    // The slot went to the waiter, not to a newcomer.
    expect(gate.tryAcquire()).toBe(false);
    expect(await waiting).toBe('ok');
    gate.release();
    expect(gate.running).toBe(0);
  });
});
