import type { ProvisionedSubnet } from './provisionSubnet.js';

/**
 * The flags every local daemon of a provisioned subnet needs (demo and tests): its wallet and
 * hotkey, the chain, JSON logs, a metrics port picked by the OS and a quick metagraph refresh.
 */
export function neuronArgs(args: {
  subnet: ProvisionedSubnet;
  hotkey: string;
  endpoint: string;
  stateDir: string;
}): string[] {
  return [
    '--netuid',
    String(args.subnet.netuid),
    '--wallet.name',
    args.subnet.walletName,
    '--wallet.path',
    args.subnet.walletPath,
    '--wallet.hotkey',
    args.hotkey,
    '--subtensor.chain_endpoint',
    args.endpoint,
    '--metrics.port',
    '0',
    '--logging.format',
    'json',
    '--neuron.metagraph_refresh_blocks',
    '2',
    '--neuron.state_dir',
    args.stateDir,
  ];
}
