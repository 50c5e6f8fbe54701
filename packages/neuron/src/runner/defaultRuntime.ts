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
  const report = (
    synapse: SynapseBase,
    started: number,
    outcome: RequestEvent['outcome'],
    detail?: string,
  ) => {
    const hotkey = synapse.dendrite.hotkey ?? null;
    onRequest({
      synapse: synapse.name,
      hotkey,
      uid: hotkey === null ? null : (guards.uidOf?.(hotkey) ?? null),
      status: outcome === 'ok' ? 200 : outcome === 'blacklisted' ? 403 : 500,
      outcome,
      ...(detail === undefined ? {} : { detail }),
      latencyMs: performance.now() - started,
    });
  };
  const attach: Axon['attach'] = (def, handlers) => {
    const wrapped: AttachHandlers<Parameters<typeof handlers.forward>[0]> = {
      ...handlers,
      forward: async (synapse, ctx) => {
        const started = performance.now();
        try {
          const out = await handlers.forward(synapse, ctx);
          report(synapse, started, 'ok');
          return out;
        } catch (error) {
          report(synapse, started, 'failed', error instanceof Error ? error.message : String(error));
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
        if (blocked) report(synapse, started, 'blacklisted', why);
        return verdict;
      };
    }
    axon.attach(def, wrapped);
    return proxy;
  };
  const proxy: Axon = Object.create(axon, { attach: { value: attach } });
  return proxy;
}
