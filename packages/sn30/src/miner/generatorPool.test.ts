import { describe, expect, it } from 'vitest';
import { GeneratorBusyError, GeneratorCallError } from '../errors.js';
import { sanitizeGenerationInputs } from '../inputs/generationInputs.js';
import type { FrameGenerator, FramesResult } from './frameGenerator.js';
import { GeneratorPool, NoGeneratorError } from './generatorPool.js';

const inputs = sanitizeGenerationInputs(
  { prompt: 'x', width: 64, height: 64, num_inference_steps: 2, seed: 1 },
  { minSize: 8 },
);

class FakeGenerator implements FrameGenerator {
  load = 0;
  calls = 0;
  up = true;
  fail: (() => Error) | undefined;
  constructor(
    readonly name: string,
    private readonly modelName = 'm',
  ) {}
  async generate(): Promise<FramesResult> {
    this.calls++;
    if (this.fail) throw this.fail();
    return { frames: new Uint8Array([1]), sha256: this.name, ms: 1 };
  }
  async check() {
    return this.up;
  }
  async model() {
    if (!this.up) throw new Error('unreachable');
    return this.modelName;
  }
}

describe('GeneratorPool', () => {
  it('dispatches to the least-loaded generator, rotating between equals', async () => {
    const a = new FakeGenerator('a');
    const b = new FakeGenerator('b');
    const pool = new GeneratorPool({ generators: [a, b] });
    a.load = 3;
    expect((await pool.generate(inputs)).sha256).toBe('b');
    a.load = 0;
    const seen = new Set<string>();
    for (let i = 0; i < 4; i++) seen.add((await pool.generate(inputs)).sha256);
    expect(seen).toEqual(new Set(['a', 'b']));
    expect(pool.served).toBe(5);
  });

  it('takes an unreachable generator out, retries the request on the next, and brings it back once it answers', async () => {
    const logs: Record<string, unknown>[] = [];
    const a = new FakeGenerator('a');
    const b = new FakeGenerator('b');
    b.load = 1; // a is tried first
    const pool = new GeneratorPool({ generators: [a, b], log: (e) => logs.push(e) });
    a.fail = () => new GeneratorCallError('http://a', 'unreachable (ECONNREFUSED)');
    a.up = false;
    expect((await pool.generate(inputs)).sha256).toBe('b');
    expect(pool.status().find((s) => s.name === 'a')?.up).toBe(false);
    expect(logs.some((l) => l.msg === 'generator taken out of the pool')).toBe(true);
    await pool.generate(inputs);
    expect(a.calls).toBe(1); // not tried while out
    await pool.recheck();
    expect(pool.status().find((s) => s.name === 'a')?.up).toBe(false);
    a.up = true;
    a.fail = undefined;
    await pool.recheck();
    expect(pool.status().find((s) => s.name === 'a')?.up).toBe(true);
    b.load = 5;
    expect((await pool.generate(inputs)).sha256).toBe('a');
  });

  it('takes a generator out after repeated failed generations, not after one', async () => {
    const a = new FakeGenerator('a');
    const b = new FakeGenerator('b');
    b.load = 1;
    const pool = new GeneratorPool({ generators: [a, b], maxConsecutiveFailures: 2 });
    a.fail = () => new GeneratorCallError('http://a', 'INTERNAL', 500);
    await pool.generate(inputs);
    expect(pool.status()[0]?.up).toBe(true);
    await pool.generate(inputs);
    expect(pool.status()[0]?.up).toBe(false);
  });

  it('says busy when every generator is busy, and passes bad input straight back', async () => {
    const a = new FakeGenerator('a');
    const b = new FakeGenerator('b');
    const pool = new GeneratorPool({ generators: [a, b] });
    a.fail = () => new GeneratorBusyError(8);
    b.fail = () => new GeneratorCallError('http://b', 'busy', 503);
    await expect(pool.generate(inputs)).rejects.toBeInstanceOf(GeneratorBusyError);
    expect(pool.status().every((s) => s.up)).toBe(true);
    a.fail = () => new GeneratorCallError('http://a', 'width: bad', 400);
    b.load = 1;
    await expect(pool.generate(inputs)).rejects.toThrow(/width: bad/);
    expect(b.calls).toBe(1);
  });

  it('fails with NoGeneratorError when none is up', async () => {
    const a = new FakeGenerator('a');
    const pool = new GeneratorPool({ generators: [a] });
    a.fail = () => new GeneratorCallError('http://a', 'unreachable');
    await expect(pool.generate(inputs)).rejects.toBeInstanceOf(NoGeneratorError);
    await expect(pool.generate(inputs)).rejects.toThrow(/every generator is out of the pool/);
  });

  it('leaves out, for good, a generator that runs another model', async () => {
    const logs: Record<string, unknown>[] = [];
    const a = new FakeGenerator('a', 'tiny');
    const b = new FakeGenerator('b', 'other');
    const pool = new GeneratorPool({ generators: [a, b], log: (e) => logs.push(e) });
    expect(await pool.model()).toBe('tiny');
    expect(pool.status().map((s) => s.up)).toEqual([true, false]);
    await pool.recheck();
    expect(pool.status()[1]?.up).toBe(false);
    expect(logs.find((l) => l.msg === 'generator runs another model; not used')).toMatchObject({
      model: 'other',
    });
  });
});
