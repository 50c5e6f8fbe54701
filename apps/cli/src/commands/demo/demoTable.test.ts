import { describe, expect, it } from 'vitest';
import { formatDemoTable } from './demoTable.js';

describe('formatDemoTable', () => {
  it('aligns columns and shows - for the validator', () => {
    const text = formatDemoTable([
      {
        subnet: 'test',
        netuid: 2,
        uid: 1,
        role: 'validator',
        hotkey: '5DZzdS8TNQM45',
        score: null,
        weight: null,
      },
      {
        subnet: 'test',
        netuid: 2,
        uid: 2,
        role: 'miner',
        hotkey: '5HY6f4c4WtsAW',
        score: 0.99687,
        weight: 0.513,
      },
    ]);
    const lines = text.split('\n');
    expect(lines[0]).toBe('subnet  netuid  uid  role       hotkey      score  weight (chain)');
    expect(lines[2]).toMatch(/^test\s+2\s+1\s+validator\s+5DZzdS8T…\s+-\s+-$/);
    expect(lines[3]).toMatch(/0\.9969\s+0\.5130$/);
  });
});
