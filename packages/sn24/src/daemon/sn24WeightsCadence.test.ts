import type { NeuronMetagraph } from '@taonode/neuron';
import { describe, expect, it } from 'vitest';
import { sn24WeightsCadence } from './sn24WeightsCadence.js';

const mg = (weightsRateLimit: number) => ({ tempo: 360, weightsRateLimit }) as NeuronMetagraph;

describe('sn24WeightsCadence', () => {
  it('is due once more than epochLength blocks passed (not once per tempo), or when never set', () => {
    const cadence = sn24WeightsCadence(100);
    expect(cadence({ block: 5, mg: mg(100), lastSet: 0 })).toEqual({ due: true });
    expect(cadence({ block: 1100, mg: mg(100), lastSet: 1000 })).toMatchObject({
      due: false,
      retryAtBlock: 1101,
    });
    expect(cadence({ block: 1101, mg: mg(100), lastSet: 1000 })).toEqual({ due: true });
  });

  it("waits out the chain's rate limit when it is longer", () => {
    const cadence = sn24WeightsCadence(10);
    expect(cadence({ block: 1020, mg: mg(50), lastSet: 1000 })).toMatchObject({
      due: false,
      retryAtBlock: 1050,
    });
    expect(cadence({ block: 1050, mg: mg(50), lastSet: 1000 })).toEqual({ due: true });
  });
});
