import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** Every metric a daemon exports, on its own registry so tests and several neurons do not collide. */
export function createNeuronMetrics(labels: { role: string; netuid: number }) {
  const registry = new Registry();
  registry.setDefaultLabels({ role: labels.role, netuid: String(labels.netuid) });
  collectDefaultMetrics({ register: registry, prefix: 'taonode_' });
  return {
    registry,
    block: new Gauge({ name: 'taonode_chain_block', help: 'Last chain block seen', registers: [registry] }),
    chainConnected: new Gauge({
      name: 'taonode_chain_connected',
      help: '1 while the chain websocket is connected',
      registers: [registry],
    }),
    metagraphSyncs: new Counter({
      name: 'taonode_metagraph_syncs_total',
      help: 'Metagraph refreshes',
      labelNames: ['result'],
      registers: [registry],
    }),
    metagraphN: new Gauge({
      name: 'taonode_metagraph_n',
      help: 'Neurons on the subnet',
      registers: [registry],
    }),
    steps: new Counter({
      name: 'taonode_validator_steps_total',
      help: 'Validator steps',
      labelNames: ['result'],
      registers: [registry],
    }),
    stepSeconds: new Histogram({
      name: 'taonode_validator_step_seconds',
      help: 'Duration of one validator step',
      buckets: [0.1, 0.5, 1, 2, 5, 10, 30, 60],
      registers: [registry],
    }),
    weightsSubmitted: new Counter({
      name: 'taonode_weights_submitted_total',
      help: 'Weight submissions',
      labelNames: ['result'],
      registers: [registry],
    }),
    requests: new Counter({
      name: 'taonode_axon_requests_total',
      help: 'Responses of the axon per synapse: result ok, blacklisted or failed; status the HTTP code sent',
      labelNames: ['synapse', 'result', 'status'],
      registers: [registry],
    }),
    blacklisted: new Counter({
      name: 'taonode_axon_blacklisted_total',
      help: 'Requests rejected by the blacklist',
      labelNames: ['reason'],
      registers: [registry],
    }),
  };
}

export type NeuronMetrics = ReturnType<typeof createNeuronMetrics>;
