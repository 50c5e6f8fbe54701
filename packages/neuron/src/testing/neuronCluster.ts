import { join } from 'node:path';
import type { Role } from '../config/neuronConfig.js';
import { testNeuronEntry } from '../testSubnet/entry.js';
import { DaemonProcess } from './daemonProcess.js';
import { neuronArgs } from './neuronArgs.js';
import type { ProvisionedSubnet } from './provisionSubnet.js';

/**
 * The provisioned subnet's neurons as daemons (real child processes), pointed at `endpoint`. By
 * default the built-in test subnet, where miner i answers (i − 1) × `minerDelayMs` late so their
 * scores differ; a subnet package passes its own `launch` (its apps, from the registry) and flags.
 */
export function neuronCluster(args: {
  subnet: ProvisionedSubnet;
  endpoint: string;
  workDir: string;
  cwd: string;
  axonPorts: number[];
  /**
   * How to start each role: a subnet's app (`roleLaunch` of the registry) or a `--role` script;
   * default the test subnet's.
   */
  launch?: (role: Role) => { script: string; execArgv: string[]; args: string[] };
  /** Flags for every daemon, e.g. a subnet's own options. */
  commonArgs?: string[];
  /** Flags for miner i (0-based); default the test subnet's delay, i × `minerDelayMs`. */
  minerArgs?: (i: number) => string[];
  minerDelayMs?: number;
  /** Appended to the validator's defaults (fast steps, 4 s timeout, alpha 0.3); the last flag wins. */
  validatorArgs?: string[];
}): { validator: DaemonProcess; miners: DaemonProcess[]; stateDir: (name: string) => string } {
  const launch =
    args.launch ??
    ((role: Role) => {
      const entry = testNeuronEntry();
      return { ...entry, args: ['--role', role] };
    });
  const stateDir = (name: string) => join(args.workDir, 'state', name);
  const minerArgs =
    args.minerArgs ?? ((i: number) => ['--neuron.test_delay_ms', String(i * (args.minerDelayMs ?? 300))]);
  const make = (name: string, role: Role, extra: string[]) => {
    const l = launch(role);
    return new DaemonProcess({
      name,
      script: l.script,
      execArgv: l.execArgv,
      cwd: args.cwd,
      logFile: join(args.workDir, `${name}.log`),
      args: [
        ...l.args,
        ...neuronArgs({
          subnet: args.subnet,
          hotkey: name,
          endpoint: args.endpoint,
          stateDir: stateDir(name),
        }),
        ...(args.commonArgs ?? []),
        ...extra,
      ],
    });
  };
  const miners = args.subnet.neurons
    .filter((n) => n.role === 'miner')
    .map((n, i) =>
      make(n.name, 'miner', [
        '--axon.ip',
        '127.0.0.2',
        '--axon.port',
        String(args.axonPorts[i]),
        ...minerArgs(i),
      ]),
    );
  const validator = make('validator', 'validator', [
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
