import { describe, expect, it } from 'vitest';
import { StandInBook, type StandInListing } from './standInBook.js';

const HASH_A = `0x${'aa'.repeat(32)}`;
const HASH_B = `0x${'bb'.repeat(32)}`;
const listing = (videoId: string): StandInListing => ({
  videoId,
  score: 0.8,
  priceRao: 250_000_000n,
  address: '5Recorder',
});

function book() {
  let t = 1_000;
  const b = new StandInBook({ lockMs: 60_000, now: () => t });
  b.add(listing('v1'));
  b.add(listing('v2'));
  return { b, advance: (ms: number) => (t += ms) };
}

describe('StandInBook', () => {
  it('locks a video for its buyer, quotes it again to the same hotkey, and frees it when the lock runs out', () => {
    const { b, advance } = book();
    expect(b.purchase('v1', 'alice')).toMatchObject({
      ok: true,
      value: { address: '5Recorder', priceRao: 250_000_000n },
    });
    expect(b.available().map((l) => l.videoId)).toEqual(['v2']);
    expect(b.purchase('v1', 'alice').ok).toBe(true);
    expect(b.purchase('v1', 'bob')).toMatchObject({
      ok: false,
      notFound: false,
      message: expect.stringMatching(/another miner/),
    });
    advance(60_000);
    expect(b.available().map((l) => l.videoId)).toEqual(['v1', 'v2']);
    expect(b.purchase('v1', 'bob').ok).toBe(true);
    expect(b.claim('v1', 'alice', HASH_A)).toMatchObject({ ok: false });
  });

  it('records one claim per video, repeats it harmlessly, and refuses strangers and unknown videos', () => {
    const { b } = book();
    expect(b.purchase('nope', 'alice')).toMatchObject({ ok: false, notFound: true });
    expect(b.claim('v1', 'alice', HASH_A)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/no purchase/),
    });
    b.purchase('v1', 'alice');
    expect(b.claim('v1', 'bob', HASH_A).ok).toBe(false);
    expect(b.claim('v1', 'alice', HASH_A.toUpperCase().replace('0X', '0x')).ok).toBe(true);
    expect(b.claim('v1', 'alice', HASH_A)).toEqual({ ok: true, value: 'purchase already recorded' });
    expect(b.claim('v1', 'alice', HASH_B).ok).toBe(false);
    expect(b.purchase('v1', 'bob')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/already been purchased/),
    });
    expect(b.available().map((l) => l.videoId)).toEqual(['v2']);
    expect(b.claims()).toEqual([
      {
        videoId: 'v1',
        minerHotkey: 'alice',
        address: '5Recorder',
        amountRao: 250_000_000n,
        blockHash: HASH_A,
        claimedAt: 1_000,
      },
    ]);
  });

  it('survives a snapshot round trip and refuses a malformed one', () => {
    const { b } = book();
    b.purchase('v2', 'alice');
    b.claim('v2', 'alice', HASH_B);
    const again = new StandInBook(
      { lockMs: 60_000, now: () => 5_000 },
      JSON.parse(JSON.stringify(b.snapshot())),
    );
    expect(again.claims()).toEqual(b.claims());
    expect(again.available().map((l) => l.videoId)).toEqual(['v1']);
    expect(() => new StandInBook({ lockMs: 1, now: () => 0 }, { version: 2 })).toThrow();
  });
});
