import type { BlacklistResult, SynapseBase } from '@taonode/transport';
import type { CallerGuards } from './runtimePorts.js';

/** The runtime's guards in the axon's hook shape; plug-ins spread them into `axon.attach`. */
export interface AxonGuards {
  blacklist(synapse: SynapseBase): BlacklistResult;
  priority(synapse: SynapseBase): number;
}

export function toAxonGuards(guards: CallerGuards): AxonGuards {
  return {
    blacklist: (synapse) => {
      const verdict = guards.judge(synapse.dendrite.hotkey ?? undefined);
      return verdict.allow ? false : [true, verdict.reason];
    },
    priority: (synapse) => guards.priority(synapse.dendrite.hotkey ?? undefined),
  };
}
