import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FocusError } from './focusError.js';
import { defaultLedgerFile, type PurchaseEntry, PurchaseLedger } from './purchaseLedger.js';

let dir: string;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const entry: PurchaseEntry = {
  videoId: 'v1',
  marketplace: 'http://127.0.0.1:8002',
  hotkey: 'HOT',
  coldkey: 'COLD',
  address: 'REC',
  amountRao: 123_456_789_012n,
  state: 'announced',
  announcedAt: '2026-01-01T00:00:00.000Z',
};

describe('PurchaseLedger', () => {
  it('keeps one entry per marketplace and video across reopenings, amounts exact', async () => {
    dir = await mkdtemp(join(tmpdir(), 'focus-purchases-'));
    const file = join(dir, 'nested', 'purchases.json');
    const ledger = await PurchaseLedger.open(file);
    expect(ledger.list()).toEqual([]);
    await ledger.put(entry);
    await ledger.put({ ...entry, state: 'sending', nonce: 7, fromBlock: 41 });
    await ledger.put({ ...entry, marketplace: 'https://other' });
    const again = await PurchaseLedger.open(file);
    expect(again.list()).toHaveLength(2);
    expect(again.get(entry.marketplace, 'v1')).toEqual({
      ...entry,
      state: 'sending',
      nonce: 7,
      fromBlock: 41,
    });
    expect(again.get('https://other', 'v1')?.state).toBe('announced');
    expect(again.get(entry.marketplace, 'v2')).toBeUndefined();
  });

  it('refuses to start over from an unreadable ledger (payments may be in flight)', async () => {
    dir = await mkdtemp(join(tmpdir(), 'focus-purchases-'));
    const file = join(dir, 'purchases.json');
    await writeFile(file, '{"version":1,"purchases":[{"videoId":1}]}');
    const err = await PurchaseLedger.open(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FocusError);
    expect(err).toMatchObject({ code: 'LedgerUnreadable', hint: expect.stringMatching(/--ledger/) });
  });

  it('defaults to one ledger per wallet and hotkey under ~/.taonode/focus', () => {
    expect(defaultLedgerFile('/home/op', 'cold', 'hot')).toBe(
      '/home/op/.taonode/focus/cold/hot/purchases.json',
    );
  });
});
