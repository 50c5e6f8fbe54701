import { EXIT_CONFIG } from './exitCodes.js';

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
      'The daemon runtime itself works: try the built-in test subnet with `taonode demo`, or run\n' +
      '  node packages/neuron/dist/testSubnet/main.js --role miner --netuid <N> ... (see docs/neuron.md)',
  );
  return EXIT_CONFIG;
}
