import { describe, expect, it } from 'vitest';
import { ResultStore } from './resultStore.js';

const bytes = (n: number) => new Uint8Array(n).fill(7);

describe('ResultStore', () => {
  it('hands a result out once, only to the hotkey that asked for it', () => {
    const store = new ResultStore({ maxBytes: 1000 });
    const id = store.reserve(100)!.commit('alice', bytes(100), 'h1');
    expect(store.take('bob', id)).toBeUndefined();
    expect(store.delete('bob', id)).toBe(false);
    expect(store.hashOf('alice', id)).toBe('h1');
    expect(store.take('alice', id)).toMatchObject({ sha256: 'h1' });
    expect(store.take('alice', id)).toBeUndefined();
    expect(store.bytes).toBe(0);
  });

  it('deletes for the owner only, and ids are unique', () => {
    const store = new ResultStore({ maxBytes: 1000 });
    const a = store.reserve(10)!.commit('alice', bytes(10), 'x');
    const b = store.reserve(10)!.commit('alice', bytes(10), 'x');
    expect(a).not.toBe(b);
    expect(store.delete('alice', a)).toBe(true);
    expect(store.delete('alice', a)).toBe(false);
    expect(store.size).toBe(1);
  });

  it('expires results after the TTL (15 minutes by default)', () => {
    let now = 0;
    const store = new ResultStore({ maxBytes: 1000, now: () => now });
    expect(store.ttlMs).toBe(15 * 60_000);
    const id = store.reserve(10)!.commit('alice', bytes(10), 'x');
    now = 15 * 60_000 - 1;
    expect(store.hashOf('alice', id)).toBe('x');
    now = 15 * 60_000;
    expect(store.take('alice', id)).toBeUndefined();
    expect(store.bytes).toBe(0);
  });

  it('is bounded in bytes: refuses a reservation that does not fit, never evicts a live result', () => {
    const store = new ResultStore({ maxBytes: 250, ttlMs: 1000 });
    const r1 = store.reserve(100)!;
    const r2 = store.reserve(100)!;
    expect(store.reserve(100)).toBeUndefined();
    r2.release();
    r2.release();
    const id = r1.commit('alice', bytes(100), 'x');
    expect(store.reserve(100)).toBeDefined();
    expect(store.reserve(100)).toBeUndefined();
    expect(store.hashOf('alice', id)).toBe('x');
    expect(store.bytes).toBe(200);
  });

  it('purges expired results to make room', () => {
    let now = 0;
    const store = new ResultStore({ maxBytes: 200, ttlMs: 1000, now: () => now });
    store.reserve(200)!.commit('alice', bytes(200), 'x');
    expect(store.reserve(50)).toBeUndefined();
    now = 1000;
    expect(store.reserve(50)).toBeDefined();
    expect(store.size).toBe(0);
  });
});
