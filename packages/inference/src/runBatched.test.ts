import { beforeAll, describe, expect, it } from 'vitest';
import { createSession, type ModelSession } from './createSession.js';
import { TensorShapeError } from './errors.js';
import { meanRows, runBatched } from './runBatched.js';
import { ensureTinyImageBind } from './testing/index.js';

let audio: ModelSession;
beforeAll(async () => {
  audio = await createSession((await ensureTinyImageBind()).audio, { device: 'cpu', threads: 1 });
  return () => audio.release();
});

describe('runBatched', () => {
  it('gives the same rows whatever the batch size', async () => {
    const rows = 5;
    const input = new Float32Array(rows * 128 * 204).map((_, i) => Math.sin(i * 0.37) * ((i % 7) - 3));
    const whole = await runBatched(audio, input, [rows, 1, 128, 204], { batchSize: 16 });
    for (const batchSize of [1, 2, 3]) {
      const split = await runBatched(audio, input, [rows, 1, 128, 204], { batchSize });
      expect(split.dims).toEqual([rows, 1024]);
      for (let i = 0; i < whole.data.length; i++) expect(split.data[i]).toBeCloseTo(whole.data[i], 4);
    }
    // Different inputs give different rows (the batch really is split by row).
    expect(whole.data[0]).not.toBe(whole.data[1024]);
  });

  it('rejects data that does not fill the shape', async () => {
    await expect(runBatched(audio, new Float32Array(10), [1, 1, 128, 204])).rejects.toBeInstanceOf(
      TensorShapeError,
    );
    await expect(runBatched(audio, new Float32Array(0), [])).rejects.toBeInstanceOf(TensorShapeError);
  });

  it('meanRows averages views', () => {
    expect([...meanRows(Float32Array.of(1, 2, 3, 5, 6, 7), 2, 3)]).toEqual([3, 4, 5]);
    expect(() => meanRows(new Float32Array(5), 2, 3)).toThrow(TensorShapeError);
  });
});
