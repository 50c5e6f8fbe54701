import {
  type AttachHandlers,
  type Axon,
  createAxon,
  createDendrite,
  type Dendrite,
  type SynapseBase,
} from '@taonode/transport';
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
      });
      return {
        axon: onRequest ? observedAxon(axon, guards, onRequest) : axon,
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
 * The axon with every attached handler timed: one request event per answered, blacklisted or
 * failed request (signature and parse failures never reach a handler and are not reported).
 */
function observedAxon(axon: Axon, guards: CallerGuards, onRequest: (event: RequestEvent) => void): Axon {
  const caller = (s: SynapseBase) => {
    const hotkey = s.dendrite.hotkey ?? null;
    return { hotkey, uid: hotkey === null ? null : (guards.uidOf?.(hotkey) ?? null) };
  };
  const attach: Axon['attach'] = (def, handlers) => {
    const wrapped: AttachHandlers<Parameters<typeof handlers.forward>[0]> = {
      ...handlers,
      forward: async (synapse, ctx) => {
        const started = performance.now();
        const seconds = () => (performance.now() - started) / 1000;
        try {
          const out = await handlers.forward(synapse, ctx);
          onRequest({
            synapse: def.name,
            ...caller(synapse),
            status: 200,
            outcome: 'ok',
            seconds: seconds(),
          });
          return out;
        } catch (error) {
          const detail = error instanceof Error ? error.message : String(error);
          onRequest({
            synapse: def.name,
            ...caller(synapse),
            status: 500,
            outcome: 'error',
            detail,
            seconds: seconds(),
          });
          throw error;
        }
      },
    };
    const blacklist = handlers.blacklist;
    if (blacklist) {
      wrapped.blacklist = async (synapse) => {
        const started = performance.now();
        const verdict = await blacklist(synapse);
        const [blocked, why] = typeof verdict === 'boolean' ? [verdict, 'blacklisted'] : verdict;
        if (blocked) {
          const seconds = (performance.now() - started) / 1000;
          onRequest({
            synapse: def.name,
            ...caller(synapse),
            status: 403,
            outcome: 'blacklisted',
            detail: why,
            seconds,
          });
        }
        return verdict;
      };
    }
    axon.attach(def, wrapped);
    return proxy;
  };
  const proxy: Axon = Object.create(axon, { attach: { value: attach } });
  return proxy;
}
