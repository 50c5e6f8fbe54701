import { createNeuronMetrics } from '@taonode/neuron';
import { describe, expect, it } from 'vitest';
import { fromMetrics } from './daemonSample.js';
import { parsePromText } from './promText.js';

describe('parsePromText on a daemon metrics page', () => {
  it("finds every figure the soak samples in the daemons' own registry", async () => {
    const m = createNeuronMetrics({ role: 'miner', netuid: 2 });
    m.requests.inc({ synapse: 'Dummy', result: 'ok' }, 5);
    m.requests.inc({ synapse: 'Dummy', result: 'error' }, 2);
    m.stepSeconds.observe(0.5);
    m.stepSeconds.observe(1.5);
    const sample = fromMetrics(parsePromText(await m.registry.metrics()));
    expect(sample.requests).toBe(7);
    expect(sample.stepSecondsSum).toBe(2);
    expect(sample.stepCount).toBe(2);
    expect(sample.rssBytes).toBeGreaterThan(0);
    expect(sample.heapUsedBytes).toBeGreaterThan(0);
    expect(sample.loopP99Ms).toBeGreaterThanOrEqual(0);
    if (process.platform === 'linux') expect(sample.openFds).toBeGreaterThan(0);
  });

  it('skips comments and bad lines, sums series and reads +Inf', () => {
    const m = parsePromText('# HELP a b\na_bucket{le="+Inf"} +Inf\ngarbage\nb 3\nb{x="y"} 4\n');
    expect(m.get('b')).toBe(7);
    expect(m.get('a_bucket')).toBe(Number.POSITIVE_INFINITY);
  });
});
