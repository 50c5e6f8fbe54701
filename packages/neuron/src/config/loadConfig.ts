import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { resolveEndpoint } from '@taonode/chain';
import { ConfigError } from './configError.js';
import { formatHelp } from './help.js';
import type { NeuronConfig, Role } from './neuronConfig.js';
import { BASE_OPTIONS, envNames, type OptionSpec, type OptionValue } from './options.js';
import { parseArgv } from './parseArgv.js';
import { type SourcedValue, validateValues } from './validateValues.js';

export interface LoadConfigOptions {
  role: Role;
  argv: readonly string[];
  /** Defaults to `process.env`; this loader is the only module that reads it. */
  env?: Readonly<Record<string, string | undefined>>;
  /** The subnet's (or runner's) own options, appended to the base table. */
  extraOptions?: readonly OptionSpec[];
  /** Per-app defaults (e.g. `config/sn2-miner.json`); a missing file is fine. */
  appDefaultsFile?: string;
  /** Header of `--help`. */
  usage?: string;
  home?: string;
  /** Whether stdout is a terminal (`--logging.format auto` picks pretty only then); default: it is checked. */
  stdoutIsTTY?: boolean;
}

export type LoadConfigResult = { kind: 'help'; text: string } | { kind: 'config'; config: NeuronConfig };

/** Merges built-in defaults < app defaults < --config file < env < flags and validates the result once. */
export function loadConfig(options: LoadConfigOptions): LoadConfigResult {
  const env = options.env ?? process.env;
  const home = options.home ?? homedir();
  const specs = [...BASE_OPTIONS, ...(options.extraOptions ?? [])];
  const parsed = parseArgv(options.argv, specs);
  if (parsed.help) {
    return { kind: 'help', text: formatHelp(specs, options.usage ?? `Usage: ${options.role} [options]`) };
  }
  const problems = [...parsed.errors];
  const values = new Map<string, SourcedValue>();
  for (const spec of specs) {
    if (spec.default !== undefined) values.set(spec.key, { raw: spec.default, source: 'default' });
  }
  const keys = new Set(specs.map((s) => s.key));
  if (options.appDefaultsFile) {
    mergeFile(values, keys, options.appDefaultsFile, true, problems);
  }
  const configFile = parsed.values.get('config') ?? firstEnv(env, 'config');
  if (typeof configFile === 'string') {
    mergeFile(values, keys, expandHome(configFile, home), false, problems);
  }
  for (const spec of specs) {
    for (const name of envNames(spec.key)) {
      const raw = env[name];
      if (raw !== undefined && raw !== '') {
        values.set(spec.key, { raw, source: `env ${name}` });
        break;
      }
    }
  }
  for (const [key, raw] of parsed.values) values.set(key, { raw, source: `--${key}` });
  const checked = validateValues(specs, values);
  if (!checked.ok) problems.push(...checked.errors);
  let endpoint = '';
  if (checked.ok) {
    try {
      endpoint = resolveEndpoint({
        network: checked.values['subtensor.network'] as string,
        chainEndpoint: checked.values['subtensor.chain_endpoint'] as string | undefined,
      }).endpoint;
    } catch (error) {
      const hint = (error as { hint?: string }).hint;
      problems.push(
        `--subtensor.network/--subtensor.chain_endpoint: ${(error as Error).message}${hint ? `. ${hint}` : ''}`,
      );
    }
  }
  if (problems.length > 0 || !checked.ok) throw new ConfigError(problems);
  const tty = options.stdoutIsTTY ?? process.stdout.isTTY === true;
  return { kind: 'config', config: toNeuronConfig(options.role, checked.values, home, endpoint, tty) };
}

function firstEnv(env: Readonly<Record<string, string | undefined>>, key: string): string | undefined {
  for (const name of envNames(key)) if (env[name]) return env[name];
  return undefined;
}

function mergeFile(
  values: Map<string, SourcedValue>,
  keys: Set<string>,
  file: string,
  optional: boolean,
  problems: string[],
): void {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (!optional) problems.push(`cannot read config file ${file}: ${(error as Error).message}`);
    return;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    problems.push(`config file ${file} is not valid JSON: ${(error as Error).message}`);
    return;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    problems.push(`config file ${file} must hold a JSON object`);
    return;
  }
  for (const [key, raw] of flatten(data as Record<string, unknown>)) {
    if (key === '$comment') continue;
    if (!keys.has(key)) {
      problems.push(`unknown option '${key}' in config file ${file}`);
      continue;
    }
    values.set(key, { raw, source: `config file ${file}` });
  }
}

function flatten(obj: Record<string, unknown>, prefix = ''): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'object' && v !== null && !Array.isArray(v))
      out.push(...flatten(v as Record<string, unknown>, key));
    else out.push([key, v]);
  }
  return out;
}

function expandHome(path: string, home: string): string {
  if (path === '~') return home;
  if (path.startsWith('~/')) return join(home, path.slice(2));
  return resolve(path);
}

function toNeuronConfig(
  role: Role,
  v: Record<string, OptionValue | undefined>,
  home: string,
  chainEndpoint: string,
  tty: boolean,
): NeuronConfig {
  const str = (k: string) => v[k] as string;
  const optStr = (k: string) => v[k] as string | undefined;
  const num = (k: string) => v[k] as number;
  const bool = (k: string) => v[k] as boolean;
  const netuid = num('netuid');
  const wallet = {
    name: str('wallet.name'),
    hotkey: str('wallet.hotkey'),
    path: expandHome(str('wallet.path'), home),
  };
  const format = str('logging.format');
  return {
    role,
    netuid,
    wallet,
    subtensor: { network: str('subtensor.network'), chainEndpoint },
    axon: {
      port: num('axon.port'),
      ip: str('axon.ip'),
      externalIp: optStr('axon.external_ip'),
      externalPort: v['axon.external_port'] as number | undefined,
    },
    logging: {
      level: bool('logging.trace') ? 'trace' : bool('logging.debug') ? 'debug' : 'info',
      format: format === 'auto' ? (tty ? 'pretty' : 'json') : (format as 'json' | 'pretty'),
    },
    metrics: { host: str('metrics.host'), port: num('metrics.port') },
    neuron: {
      stateDir: expandHome(
        optStr('neuron.state_dir') ??
          join(home, '.taonode', 'state', wallet.name, wallet.hotkey, `netuid${netuid}`, role),
        home,
      ),
      metagraphRefreshBlocks: num('neuron.metagraph_refresh_blocks'),
      sampleSize: num('neuron.sample_size'),
      movingAverageAlpha: num('neuron.moving_average_alpha'),
      timeoutSeconds: num('neuron.timeout'),
      queryConcurrency: num('neuron.query_concurrency'),
      stepIntervalSeconds: num('neuron.step_interval'),
      disableSetWeights: bool('neuron.disable_set_weights'),
    },
    blacklist: {
      minStake: num('blacklist.min_stake'),
      forceValidatorPermit: bool('blacklist.force_validator_permit'),
      allowNonRegistered: bool('blacklist.allow_non_registered'),
    },
    values: v,
  };
}
