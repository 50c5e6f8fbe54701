import { type AxonGuards, defineSubnet, type NeuronConfig } from '@taonode/neuron';
import type { Axon, Dendrite } from '@taonode/transport';
import { createSn30Miner, generatorUrls } from './createSn30Miner.js';
import { createSn30Validator } from './createSn30Validator.js';
import type { Sn30Options } from './sn30Options.js';
import { sn30Options } from './sn30Options.js';

/** Weights carry the reference's SPEC_VERSION (spec §5.2), which the subnet's weights_version follows. */
export const SN30_WEIGHTS_VERSION = 22;

/** What option types cannot check: generator URLs, sizes the sanitiser would refuse, a gateway nobody can use. */
export function sn30ConfigProblem(config: NeuronConfig, options: Sn30Options): string | undefined {
  if (config.role === 'miner') {
    for (const u of generatorUrls(options.generators)) {
      if (!/^https?:\/\/[^\s/]+$/.test(u))
        return `--sn30.generators: "${u}" is not an http(s)://host:port URL of a \`taonode sn30 generator\``;
    }
    return undefined;
  }
  if (options.width % 8 !== 0 || options.height % 8 !== 0)
    return `--sn30.width/--sn30.height must be multiples of 8 (got ${options.width}×${options.height})`;
  if (options.startConcurrency > options.maxConcurrency)
    return '--sn30.start_concurrency must not exceed --sn30.max_concurrency';
  if (options.gatewayPort > 0 && !options.gatewayApiKeys && !options.gatewayHotkeys)
    return '--sn30.gateway_port needs --sn30.gateway_api_keys <file> or --sn30.gateway_hotkeys <ss58,…> (a gateway nobody may use refuses everything)';
  return undefined;
}

/** SN30 (WOMBO image generation) as a neuron-runtime plug-in. */
export const sn30Plugin = defineSubnet<typeof sn30Options, Dendrite, Axon, AxonGuards>({
  name: 'sn30',
  versionKey: SN30_WEIGHTS_VERSION,
  options: sn30Options,
  checkConfig: sn30ConfigProblem,
  // Up to 7 doubling rounds of 60 s timeouts plus downloads and replays of the audited results.
  stepBudgetSeconds: 1_800,
  createMiner: createSn30Miner,
  createValidator: createSn30Validator,
});
