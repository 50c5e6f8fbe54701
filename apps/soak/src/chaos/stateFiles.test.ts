import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkStateDirs, keptFiles, listStateFiles } from './stateFiles.js';

const work = mkdtempSync(join(tmpdir(), 'soak-state-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('checkStateDirs', () => {
  it('passes readable files and names lost, empty, torn and moved-aside ones', async () => {
    const good = join(work, 'good');
    const bad = join(work, 'bad');
    mkdirSync(join(good, 'dataset'), { recursive: true });
    mkdirSync(bad, { recursive: true });
    writeFileSync(join(good, 'validator-state.json'), '{"step":3}\n');
    writeFileSync(join(good, 'dataset', 'a.parquet'), 'PAR1....PAR1');
    writeFileSync(join(good, '.validator-state.json.ab12.tmp'), '{"ste');
    writeFileSync(join(bad, 'validator-state.json'), '{"step":');
    writeFileSync(join(bad, 'empty.json'), '');
    writeFileSync(join(bad, 'b.parquet'), 'PAR1 torn');
    writeFileSync(join(bad, 'validator-state.json.corrupt-1700000000000'), '{}');
    const before = new Set([...(await listStateFiles(good)), join(bad, 'gone.json')]);
    expect(await listStateFiles(good)).toHaveLength(2);
    const problems = await checkStateDirs(
      [
        { daemon: 'good', dir: good },
        { daemon: 'bad', dir: bad },
      ],
      before,
    );
    expect(problems).toHaveLength(5);
    expect(problems).toEqual(
      expect.arrayContaining([
        'bad: b.parquet unreadable Parquet (no PAR1 magic)',
        'bad: empty.json empty',
        'bad: gone.json lost',
        expect.stringMatching(/^bad: validator-state\.json unreadable JSON/),
        'bad: validator-state.json.corrupt-1700000000000 was moved aside as corrupt',
      ]),
    );
  });

  it('counts as kept state what two consecutive looks both saw, not scratch files in between', () => {
    const kept = keptFiles([
      new Set(['state.json', 'work/a.mp4']),
      new Set(['state.json', 'work/b.mp4', 'dataset/1.parquet']),
      new Set(['state.json', 'dataset/1.parquet', 'work/c.mp4']),
    ]);
    expect([...kept].sort()).toEqual(['dataset/1.parquet', 'state.json']);
  });
});
