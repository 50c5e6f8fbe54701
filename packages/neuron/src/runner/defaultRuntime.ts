import { type Axon, createAxon, createDendrite, type Dendrite } from '@taonode/transport';
import { connectChainPort } from '../chainPort/connectChainPort.js';
import { type AxonGuards, toAxonGuards } from './axonGuards.js';
import type { RuntimePorts } from './runtimePorts.js';

/** The real outside world: @taonode/chain for the chain, @taonode/transport for axon and dendrite. */
export function defaultRuntime(): RuntimePorts<Axon, AxonGuards, Dendrite> {
  return {
    connectChain: (args) => connectChainPort(args),
    createAxon: ({ signer, config, logger, guards }) => {
      const axon = createAxon({
        signer,
        port: config.axon.port,
        ip: config.axon.ip,
        externalIp: config.axon.externalIp,
        externalPort: config.axon.externalPort,
        logger,
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
