import type { AxonGuards, MinerHooks, PluginContext } from '@taonode/neuron';
import type { Axon } from '@taonode/transport';
import { ProverPool } from '../prover/proverPool.js';
import { Sn2ProofOfWeights, Sn2QueryForCapacities, Sn2QueryZkProof } from '../synapses.js';
import { loadCircuits } from './loadCircuits.js';
import { MinerService } from './minerService.js';

/**
 * The SN2 miner on the neuron runtime: builds (or loads cached) circuits, starts the prover
 * workers, and attaches the three synapses with the runtime's blacklist (registered caller with a
 * validator permit and enough stake, spec §2.2) unless `--neuron.disable_blacklist`.
 */
export async function createSn2Miner({
  config,
  logger,
}: PluginContext): Promise<MinerHooks<Axon, AxonGuards>> {
  const v = config.values;
  const circuits = await loadCircuits(config, logger);
  const pool = new ProverPool({ concurrency: v['neuron.prover_concurrency'] as number });
  pool.warmUp();
  const service = new MinerService(circuits, pool, {
    competitionOnly: v['neuron.competition_only'] as boolean,
    capacity: v['neuron.capacity'] as number,
    tamperOutputs: v['neuron.test_tamper_outputs'] as boolean,
    logger,
  });
  if (v['neuron.disable_blacklist']) logger.warn('SN2 blacklist disabled: answering every caller');
  return {
    attach(axon, guards) {
      const g: Partial<AxonGuards> = v['neuron.disable_blacklist'] ? { priority: guards.priority } : guards;
      axon.attach(Sn2QueryZkProof, {
        ...g,
        forward: async (synapse) => {
          synapse.query_output = await service.queryZkProof(synapse.query_input);
          return synapse;
        },
      });
      axon.attach(Sn2ProofOfWeights, {
        ...g,
        forward: async (synapse) => {
          Object.assign(synapse, await service.proofOfWeights(synapse));
          return synapse;
        },
      });
      axon.attach(Sn2QueryForCapacities, {
        ...g,
        forward: (synapse) => {
          synapse.capacities = service.capacities();
          return synapse;
        },
      });
    },
    close: () => pool.close(),
  };
}
