import type { AxonGuards, MinerHooks, PluginContext } from '@taonode/neuron';
import type { Axon } from '@taonode/transport';
import { ProverPool } from '../prover/proverPool.js';
import { Sn2ProofOfWeights, Sn2QueryForCapacities, Sn2QueryZkProof } from '../synapses.js';
import { loadCircuits } from './loadCircuits.js';
import { MinerService } from './minerService.js';
import type { Sn2Options } from './sn2Options.js';

/**
 * The SN2 miner on the neuron runtime: builds (or loads cached) circuits, starts the prover
 * workers, and attaches the three synapses with the runtime's blacklist (registered caller with a
 * validator permit and enough stake, spec §2.2; `--neuron.disable_blacklist` lets everyone in).
 */
export async function createSn2Miner({
  options,
  logger,
  figures,
}: PluginContext<Sn2Options>): Promise<MinerHooks<Axon, AxonGuards>> {
  const circuits = await loadCircuits(options, 'miner', logger);
  const pool = new ProverPool({ concurrency: options.proverConcurrency });
  pool.warmUp();
  const service = new MinerService(circuits, pool, {
    competitionOnly: options.competitionOnly,
    capacity: options.capacity,
    tamperOutputs: options.testTamperOutputs,
    logger,
    onProof: () => figures.add('proofs_made'),
  });
  return {
    attach(axon, guards) {
      axon.attach(Sn2QueryZkProof, {
        ...guards,
        forward: async (synapse) => {
          synapse.query_output = await service.queryZkProof(synapse.query_input);
          return synapse;
        },
      });
      axon.attach(Sn2ProofOfWeights, {
        ...guards,
        forward: async (synapse) => {
          Object.assign(synapse, await service.proofOfWeights(synapse));
          return synapse;
        },
      });
      axon.attach(Sn2QueryForCapacities, {
        ...guards,
        forward: (synapse) => {
          synapse.capacities = service.capacities();
          return synapse;
        },
      });
    },
    close: () => pool.close(),
  };
}
