import { describe, expect, it } from 'vitest';
import { RequestGate } from './requestGate.js';

const later = <T>(v: T, ms: number) => new Promise<T>((r) => setTimeout(() => r(v), ms));

describe('RequestGate', () => {
  it('runs jobs one at a time, in order', async () => {
    const gate = new RequestGate(4);
    const seen: string[] = [];
    const job = (name: string, ms: number) => async () => {
      seen.push(`start ${name}`);
      await later(null, ms);
      seen.push(`end ${name}`);
      return name;
    };
    const out = await Promise.all([gate.run(job('a', 30), 'busy'), gate.run(job('b', 1), 'busy')]);
    expect(out).toEqual(['a', 'b']);
    expect(seen).toEqual(['start a', 'end a', 'start b', 'end b']);
  });

  it('answers busy past the queue bound, and a failed job does not block the next', async () => {
    const gate = new RequestGate(1);
    const first = gate.run(() => later('1', 30), 'busy');
    const second = gate.run(() => Promise.reject(new Error('boom')), 'busy');
    const third = gate.run(() => later('3', 1), 'busy');
    expect(await third).toBe('busy');
    expect(await first).toBe('1');
    await expect(second).rejects.toThrow('boom');
    expect(await gate.run(() => later('4', 1), 'busy')).toBe('4');
    expect(gate.pending).toBe(0);
  });
});
