import { type Metagraph, raoToTao } from '@taonode/chain';
import type { NeuronMetagraph } from './types.js';

/** @taonode/chain's per-neuron records → the per-uid arrays the loops index by uid. */
export function toNeuronMetagraph(mg: Metagraph): NeuronMetagraph {
  const n = mg.neurons.length;
  const out: NeuronMetagraph = {
    netuid: mg.netuid,
    block: mg.block,
    hotkeys: new Array(n),
    stake: new Array(n),
    validatorPermit: new Array(n),
    axons: new Array(n),
    lastUpdate: new Array(n),
    tempo: mg.hyperparameters.tempo,
    weightsRateLimit: mg.hyperparameters.weightsRateLimit,
    commitRevealEnabled: mg.hyperparameters.commitRevealEnabled,
    weightsVersion: Number(mg.hyperparameters.weightsVersionKey),
    ownerHotkey: mg.ownerHotkey,
  };
  for (const neuron of mg.neurons) {
    const uid = neuron.uid;
    out.hotkeys[uid] = neuron.hotkey;
    out.stake[uid] = raoToTao(neuron.totalStake);
    out.validatorPermit[uid] = neuron.validatorPermit;
    out.lastUpdate[uid] = neuron.lastUpdate;
    out.axons[uid] = {
      ip: neuron.axon.serving ? neuron.axon.ip : '0.0.0.0',
      port: neuron.axon.port,
      ipType: neuron.axon.ipType,
      version: neuron.axon.version,
      hotkey: neuron.hotkey,
    };
  }
  return out;
}
