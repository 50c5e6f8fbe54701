import { join } from 'node:path';
import { testNeuronEntry } from '../testSubnet/entry.js';
import { DaemonProcess } from './daemonProcess.js';
import type { ProvisionedSubnet } from './provisionSubnet.js';

/**
 * The provisioned subnet's neurons as test-subnet daemons (real child processes), pointed at
 * `endpoint`. Miner i answers (i − 1) × `minerDelayMs` late, so their scores differ.
 */
export function neuronCluster(args: {
  subnet: ProvisionedSubnet;
  endpoint: string;
  workDir: string;
  cwd: string;
  axonPorts: number[];
  minerDelayMs?: number;
  validatorArgs?: string[];
}): { validator: DaemonProcess; miners: DaemonProcess[]; stateDir: (name: string) => string } {
  const entry = testNeuronEntry();
  const stateDir = (name: string) => join(args.workDir, 'state', name);
  const make = (name: string, extra: string[]) =>
    new DaemonProcess({
      name,
      script: entry.script,
      execArgv: entry.execArgv,
      cwd: args.cwd,
      logFile: join(args.workDir, `${name}.log`),
      args: [
        '--netuid',
        String(args.subnet.netuid),
        '--wallet.name',
        args.subnet.walletName,
        '--wallet.path',
        args.subnet.walletPath,
        '--wallet.hotkey',
        name,
        '--subtensor.chain_endpoint',
        args.endpoint,
        '--metrics.port',
        '0',
        '--logging.format',
        'json',
        '--neuron.metagraph_refresh_blocks',
        '2',
        '--neuron.state_dir',
        stateDir(name),
        ...extra,
      ],
    });
  const miners = args.subnet.neurons
    .filter((n) => n.role === 'miner')
    .map((n, i) =>
      make(n.name, [
        '--role',
        'miner',
        '--axon.ip',
        '127.0.0.2',
        '--axon.port',
        String(args.axonPorts[i]),
        '--neuron.test_delay_ms',
        String(i * (args.minerDelayMs ?? 300)),
      ]),
    );
  const validator = make('validator', [
    '--role',
    'validator',
    '--neuron.step_interval',
    '0.2',
    '--neuron.timeout',
    '4',
    '--neuron.moving_average_alpha',
    '0.3',
    ...(args.validatorArgs ?? []),
  ]);
  return { validator, miners, stateDir };
}
