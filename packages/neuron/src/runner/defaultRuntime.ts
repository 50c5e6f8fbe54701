import { type Axon, type AxonResponse, createAxon, createDendrite, type Dendrite } from '@taonode/transport';
import { connectChainPort } from '../chainPort/connectChainPort.js';
import type { NeuronEventMap } from '../events/neuronEvents.js';
import { type AxonGuards, toAxonGuards } from './axonGuards.js';
import type { CallerGuards, RuntimePorts } from './runtimePorts.js';

/** The real outside world: @taonode/chain for the chain, @taonode/transport for axon and dendrite. */
export function defaultRuntime(): RuntimePorts<Axon, AxonGuards, Dendrite> {
  return {
    connectChain: (args) => connectChainPort(args),
    createAxon: ({ signer, config, logger, guards, onRequest }) => {
      const axon = createAxon({
        signer,
        port: config.axon.port,
        ip: config.axon.ip,
        externalIp: config.axon.externalIp,
        externalPort: config.axon.externalPort,
        ...(config.axon.maxWorkers !== undefined ? { maxConcurrentForwards: config.axon.maxWorkers } : {}),
        logger,
        ...(onRequest ? { onResponse: (r: AxonResponse) => onRequest(toRequestEvent(r, guards)) } : {}),
      });
      return {
        axon,
        hooks: toAxonGuards(guards),
        start: async () => {
          await axon.start();
          return { port: axon.address.port };
        },
        stop: () => axon.stop(),
      };
    },
    createDendrite: ({ signer }) => createDendrite({ signer }),
  };
}

type RequestEvent = NeuronEventMap['request'];

/**
 * The axon's own response hook turned into request events: every response on an attached synapse
 * counts (answered, blacklisted, refused by the signature check, invalid, timed out, overloaded,
 * failed), not only those a handler saw.
 */
function toRequestEvent(r: AxonResponse, guards: CallerGuards): RequestEvent {
  return {
    synapse: r.synapse,
    hotkey: r.hotkey,
    uid: r.hotkey === null ? null : (guards.uidOf?.(r.hotkey) ?? null),
    status: r.status,
    outcome: requestOutcome(r.status),
    ...(r.message === null ? {} : { detail: r.message }),
    latencyMs: r.latencyMs,
  };
}

/** 200 answered; 403 the blacklist said no; anything else (401, 408, 422, 500, 503, …) failed. */
export function requestOutcome(status: number): RequestEvent['outcome'] {
  return status === 200 ? 'ok' : status === 403 ? 'blacklisted' : 'failed';
}
