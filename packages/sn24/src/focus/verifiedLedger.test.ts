import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FOCUS_LEDGER_FILE, VerifiedLedger } from './verifiedLedger.js';

let dir: string;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const record = (blockNumber: number, transferId = `0x01#${blockNumber}`) => ({
  transferId,
  videoId: `v${blockNumber}`,
  hotkey: 'h',
  amountRao: 5n,
  blockNumber,
});

describe('VerifiedLedger', () => {
  it('persists verdicts atomically, counts each transfer once, and prunes by window and listing', async () => {
    dir = await mkdtemp(join(tmpdir(), 'focus-ledger-'));
    const { ledger } = await VerifiedLedger.load(dir);
    ledger.recordVerified('k1', record(100));
    ledger.recordVerified('k2', record(200));
    ledger.recordRejected('bad', 'underpaid', new Date(0));
    await ledger.save();

    const { ledger: again, problem } = await VerifiedLedger.load(dir);
    expect(problem).toBeUndefined();
    expect(again.isDecided('k1') && again.isDecided('bad') && !again.isDecided('k3')).toBe(true);
    expect(again.isCounted('0x01#100')).toBe(true);
    expect(again.purchases()).toEqual([
      { hotkey: 'h', amountRao: 5n, blockNumber: 100 },
      { hotkey: 'h', amountRao: 5n, blockNumber: 200 },
    ]);

    again.prune(250, 100, new Set(['k1', 'k2']));
    expect(again.isDecided('k1')).toBe(false);
    expect(again.isCounted('0x01#100')).toBe(false);
    expect(again.isDecided('bad')).toBe(false);
    expect(again.isDecided('k2')).toBe(true);
    await again.save();
    const raw = JSON.parse(await readFile(join(dir, FOCUS_LEDGER_FILE), 'utf8'));
    expect(Object.keys(raw.verified)).toEqual(['k2']);
  });

  it('moves an unreadable ledger aside and starts fresh, saying so', async () => {
    dir = await mkdtemp(join(tmpdir(), 'focus-ledger-'));
    await writeFile(join(dir, FOCUS_LEDGER_FILE), '{"version":1,"verified":');
    const { ledger, problem } = await VerifiedLedger.load(dir);
    expect(problem).toMatch(/kept as .*unreadable-/);
    expect(ledger.purchases()).toEqual([]);
    expect((await readdir(dir)).some((f) => f.startsWith(`${FOCUS_LEDGER_FILE}.unreadable-`))).toBe(true);
  });
});
