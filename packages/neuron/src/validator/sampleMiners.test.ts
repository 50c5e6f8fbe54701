import { describe, expect, it } from 'vitest';
import type { NeuronMetagraph } from '../chainPort/types.js';
import { sampleMiners, servingMiners } from './sampleMiners.js';

const axon = (ip: string, port: number) => ({ ip, port, ipType: 4, version: 1, hotkey: '' });
const mg = {
  hotkeys: ['v', 'm1', 'm2', 'm3', 'gone'],
  axons: [
    axon('127.0.0.2', 1),
    axon('127.0.0.2', 2),
    axon('10.0.0.1', 3),
    axon('10.0.0.2', 4),
    axon('0.0.0.0', 0),
  ],
} as unknown as NeuronMetagraph;

describe('choosing miners', () => {
  it('keeps serving axons only and never the validator itself', () => {
    expect(servingMiners(mg, 0).map((m) => m.uid)).toEqual([1, 2, 3]);
  });

  it('samples --neuron.sample_size distinct miners, all of them when fewer', () => {
    const miners = servingMiners(mg, 0);
    let seed = 1;
    const random = () => {
      seed = (seed * 16_807) % 2_147_483_647;
      return seed / 2_147_483_647;
    };
    for (let i = 0; i < 20; i++) {
      const two = sampleMiners(miners, 2, random).map((m) => m.uid);
      expect(two).toHaveLength(2);
      expect(new Set(two).size).toBe(2);
    }
    expect(
      sampleMiners(miners, 16)
        .map((m) => m.uid)
        .sort(),
    ).toEqual([1, 2, 3]);
  });
});
