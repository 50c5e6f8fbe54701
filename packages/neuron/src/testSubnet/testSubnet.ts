import type { Axon, Dendrite } from '@taonode/transport';
import { sleep } from '../lifecycle/sleep.js';
import type { AxonGuards } from '../runner/axonGuards.js';
import type { SubnetPlugin } from '../subnet/subnetPlugin.js';
import type { MinerTarget } from '../validator/sampleMiners.js';
import { Dummy } from './protocol.js';
import { answer, reward } from './scoring.js';
import { TEST_SUBNET_OPTIONS } from './testSubnetOptions.js';

interface TestRound {
  input: number;
  miners: readonly MinerTarget[];
  outputs: { ok: boolean; output: number | null; processTime: number | null }[];
}

/**
 * The built-in test subnet: proves the runtime end to end (chain, axon, dendrite, scores, weights)
 * before any real subnet lands. Used by the runtime's tests, `taonode demo` and the pm2 test apps.
 */
export const testSubnet: SubnetPlugin<Dendrite, TestRound, Axon, AxonGuards> = {
  name: 'test',
  versionKey: 1,
  options: TEST_SUBNET_OPTIONS,
  createMiner({ config }) {
    const delayMs = config.values['neuron.test_delay_ms'] as number;
    const wrong = config.values['neuron.test_wrong'] as boolean;
    return {
      attach(axon: Axon, guards: AxonGuards) {
        axon.attach(Dummy, {
          ...guards,
          forward: async (synapse) => {
            if (delayMs > 0) await sleep(delayMs);
            synapse.dummy_output = answer(synapse.dummy_input) + (wrong ? 1 : 0);
            return synapse;
          },
        });
      },
    };
  },
  createValidator() {
    return {
      async forward(ctx) {
        const input = Math.floor(Math.random() * 1_000_000);
        const responses = await ctx.dendrite.query(
          ctx.miners.map((m) => m.axon),
          Dummy.create({ dummy_input: input }),
          {
            timeout: ctx.config.neuron.timeoutSeconds,
            concurrency: ctx.config.neuron.queryConcurrency,
            signal: ctx.signal,
          },
        );
        return {
          input,
          miners: ctx.miners,
          outputs: responses.map((r) => ({
            ok: r.dendrite.status_code === 200,
            output: r.dummy_output,
            processTime: r.dendrite.process_time,
          })),
        };
      },
      score(round, ctx) {
        return round.miners.map((m, i) => ({
          uid: m.uid,
          reward: reward({
            input: round.input,
            output: round.outputs[i]?.output,
            ok: round.outputs[i]?.ok ?? false,
            processTimeSeconds: round.outputs[i]?.processTime,
            timeoutSeconds: ctx.config.neuron.timeoutSeconds,
          }),
        }));
      },
    };
  },
};
