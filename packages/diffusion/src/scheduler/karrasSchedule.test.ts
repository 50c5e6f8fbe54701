import { describe, expect, it } from 'vitest';
import { DiffusionInputError } from '../errors.js';
import { karrasSchedule, trainingSigmas } from './karrasSchedule.js';

// Reference values: spec sn30-onnx-sdxl.md §4 (numpy re-creating diffusers' float32 path).
describe('training sigmas', () => {
  it('spans σ_min ≈ 0.029168 … σ_max ≈ 14.614655 (scaled-linear 0.00085–0.012, 1000 steps)', () => {
    const s = trainingSigmas();
    expect(s.length).toBe(1000);
    expect(s[0]).toBeCloseTo(0.029168, 5);
    expect(s[999]).toBeCloseTo(14.614655, 4);
    for (let i = 1; i < 1000; i++) expect(s[i]!).toBeGreaterThan(s[i - 1]!);
  });
});

describe('karras schedule', () => {
  it('N = 20: sigmas and timesteps', () => {
    const { sigmas, timesteps } = karrasSchedule(20);
    expect([...timesteps]).toEqual([
      999, 962, 921, 876, 827, 772, 710, 640, 561, 474, 380, 285, 197, 123, 69, 35, 15, 6, 2, 0,
    ]);
    const expected = [
      14.6147, 11.7254, 9.3402, 7.3836, 5.7894, 4.4998, 3.4648, 2.6408, 1.9909, 1.4832, 1.0908, 0.7909,
      0.5647, 0.3964, 0.273, 0.1842, 0.1213, 0.0779, 0.0485, 0.0292, 0,
    ];
    expect(sigmas.length).toBe(21);
    expected.forEach((v, k) => {
      expect(sigmas[k]).toBeCloseTo(v, 3);
    });
  });

  it('N = 30: timesteps', () => {
    expect([...karrasSchedule(30).timesteps]).toEqual([
      999, 975, 949, 923, 894, 863, 830, 795, 757, 716, 672, 624, 572, 517, 458, 397, 334, 273, 214, 162, 117,
      80, 53, 33, 20, 11, 6, 3, 1, 0,
    ]);
  });

  it('follows the Karras formula between σ_max and σ_min and ends at 0', () => {
    const train = trainingSigmas();
    const { sigmas } = karrasSchedule(7);
    const lo = train[0]! ** (1 / 7);
    const hi = train[999]! ** (1 / 7);
    for (let k = 0; k < 7; k++) expect(sigmas[k]).toBe(Math.fround((hi + (k / 6) * (lo - hi)) ** 7));
    expect(sigmas[7]).toBe(0);
    expect(karrasSchedule(1).sigmas[0]).toBe(Math.fround(train[999]!));
  });

  it('rejects step counts that are not positive integers', () => {
    expect(() => karrasSchedule(0)).toThrow(DiffusionInputError);
    expect(() => karrasSchedule(2.5)).toThrow(DiffusionInputError);
  });
});
