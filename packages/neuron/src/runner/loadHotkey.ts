import { type Keypair, Wallet } from '@taonode/wallet';
import type { NeuronConfig } from '../config/neuronConfig.js';
import { EXIT_CONFIG } from './exitCodes.js';
import { NeuronExit } from './neuronExit.js';

/** Daemons sign with the hotkey only; the coldkey is never opened (it may not even be on this box). */
export async function loadHotkey(config: NeuronConfig): Promise<Keypair> {
  const wallet = new Wallet({
    name: config.wallet.name,
    hotkey: config.wallet.hotkey,
    path: config.wallet.path,
  });
  try {
    return await wallet.getHotkey();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new NeuronExit(
      `cannot load hotkey '${config.wallet.hotkey}' of wallet '${config.wallet.name}' from ${wallet.hotkeyFile()}: ${reason}\n` +
        `create it with: taonode wallet new-hotkey --wallet.name ${config.wallet.name} --wallet.hotkey ${config.wallet.hotkey}` +
        ` --wallet.path ${config.wallet.path}`,
      EXIT_CONFIG,
    );
  }
}

export function registerCommand(config: NeuronConfig): string {
  const endpoint = config.subtensor.chainEndpoint;
  return (
    `taonode subnet register --netuid ${config.netuid} --wallet.name ${config.wallet.name} ` +
    `--wallet.hotkey ${config.wallet.hotkey} --subtensor.chain_endpoint ${endpoint} --wallet.path ${config.wallet.path}`
  );
}
