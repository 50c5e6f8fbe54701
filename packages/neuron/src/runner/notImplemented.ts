import type { Axon, Dendrite } from '@taonode/transport';
import type { OptionSchema } from '../config/defineOptions.js';
import type { SubnetPlugin } from '../subnet/subnetPlugin.js';
import type { AxonGuards } from './axonGuards.js';
import { EXIT_CONFIG } from './exitCodes.js';

/**
 * A placeholder for a subnet whose package has not landed: its apps answer `--help` and
 * `--version`, and otherwise say "not implemented yet" and exit 78 (pm2 leaves them stopped).
 */
export function pendingSubnet(
  name: string,
  title: string,
): SubnetPlugin<OptionSchema, Dendrite, Axon, AxonGuards> {
  return { name, versionKey: 0, pending: title };
}

/**
 * What an app whose subnet has not landed yet does: say so plainly and exit with EXIT_CONFIG, which
 * pm2 (see ecosystem.config.js) treats as "do not restart".
 */
export function exitNotImplemented(
  app: string,
  subnet: string,
  write: (line: string) => void = console.error,
): number {
  write(
    `${app}: not implemented yet — the ${subnet} subnet package has not landed in this build.\n` +
      'The daemon runtime itself works: `taonode demo` runs the built-in test subnet and the subnets that\n' +
      'have landed on a local chain (docs/demo.md); docs/neuron.md lists the apps pm2 can run today.',
  );
  return EXIT_CONFIG;
}
