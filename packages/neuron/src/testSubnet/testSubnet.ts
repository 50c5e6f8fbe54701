import { sleep } from '@taonode/kit';
import type { Axon, AxonTarget, Dendrite } from '@taonode/transport';
import type { AxonGuards } from '../runner/axonGuards.js';
import { defineSubnet } from '../subnet/subnetPlugin.js';
import type { ValidatorHooks } from '../subnet/validatorPlugin.js';
import type { MinerTarget } from '../validator/sampleMiners.js';
import { Dummy } from './protocol.js';
import { answer, reward } from './scoring.js';
import { testSubnetOptions } from './testSubnetOptions.js';

interface TestRound {
  input: number;
  miners: readonly MinerTarget[];
  outputs: { ok: boolean; output: number | null; processTime: number | null }[];
}

/**
 * The built-in test subnet: proves the runtime end to end (chain, axon, dendrite, scores, weights)
 * before any real subnet lands, and is the worked example of a plug-in (docs/neuron.md, "Adding a
 * subnet"). Used by the runtime's tests, `taonode demo` and the pm2 test apps.
 */
export const testSubnet = defineSubnet<typeof testSubnetOptions, Dendrite, Axon, AxonGuards>({
  name: 'test',
  versionKey: 1,
  options: testSubnetOptions,
  createMiner({ options, figures }) {
    return {
      attach(axon, guards) {
        axon.attach(Dummy, {
          ...guards,
          forward: async (synapse) => {
            if (options.delayMs > 0) await sleep(options.delayMs);
            synapse.dummy_output = answer(synapse.dummy_input) + (options.wrong ? 1 : 0);
            // A subnet figure for dashboards (SN2 counts its proofs the same way).
            figures.add('answers');
            return synapse;
          },
        });
      },
    };
  },
  createValidator(): ValidatorHooks<Dendrite, TestRound> {
    return {
      async forward(ctx) {
        const input = Math.floor(Math.random() * 1_000_000);
        const axons: AxonTarget[] = ctx.miners.map((m) => m.axon);
        const responses = await ctx.dendrite.query(axons, Dummy.create({ dummy_input: input }), {
          timeout: ctx.config.neuron.timeoutSeconds,
          concurrency: ctx.config.neuron.queryConcurrency,
          signal: ctx.signal,
        });
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
        return round.miners.map((m, i) => {
          const out = round.outputs[i];
          const correct = (out?.ok ?? false) && out?.output === answer(round.input);
          return {
            uid: m.uid,
            reward: reward({
              input: round.input,
              output: out?.output,
              ok: out?.ok ?? false,
              processTimeSeconds: out?.processTime,
              timeoutSeconds: ctx.config.neuron.timeoutSeconds,
            }),
            components: { correct, processTime: out?.processTime ?? null },
          };
        });
      },
    };
  },
});
