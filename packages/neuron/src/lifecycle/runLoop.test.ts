import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { runLoop } from './runLoop.js';

describe('runLoop', () => {
  it('logs a failing step and goes on until aborted', async () => {
    const controller = new AbortController();
    const lines: string[] = [];
    const logger = pino({ level: 'error' }, { write: (l: string) => void lines.push(l) });
    let calls = 0;
    await runLoop({
      name: 'test',
      signal: controller.signal,
      logger,
      intervalMs: () => 0,
      maxBackoffMs: 1,
      step: async () => {
        calls++;
        if (calls === 2) throw new Error('boom');
        if (calls === 4) controller.abort();
      },
    });
    expect(calls).toBe(4);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      loop: 'test',
      msg: 'test failed',
      err: { message: 'boom' },
    });
  });
});
