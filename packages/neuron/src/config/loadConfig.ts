import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { resolveEndpoint } from '@taonode/chain';
import { expandHome } from '@taonode/kit';
import { assertValidName } from '@taonode/wallet';
import { ConfigError } from './configError.js';
import { type OptionSchema, type OptionsOf, specsOf, typedOptions } from './defineOptions.js';
import { formatHelp, type HelpDefaults } from './help.js';
import type { NeuronConfig, Role } from './neuronConfig.js';
import { BASE_OPTIONS, envNames, type OptionSpec, type OptionValue } from './options.js';
import { parseArgv } from './parseArgv.js';
import { type SourcedValue, validateValues } from './validateValues.js';

export interface LoadConfigOptions<S extends OptionSchema = OptionSchema> {
  role: Role;
  argv: readonly string[];
  /** Defaults to `process.env`; this loader is the only module that reads it. */
  env?: Readonly<Record<string, string | undefined>>;
  /** The subnet's typed options (`defineOptions`): validated, listed in --help, returned typed. */
  options?: S;
  /** Untyped extra options (the runner's own `--role`, tests), appended to the base table. */
  extraOptions?: readonly OptionSpec[];
  /** Per-app defaults (e.g. `config/sn2-miner.json`); a missing file is fine. */
  appDefaultsFile?: string;
  /** Header of `--help`. */
  usage?: string;
  /** Whether this app serves an axon (miners by default): decides whether `--help` lists the axon flags. */
  servesAxon?: boolean;
  home?: string;
  /** Whether stdout is a terminal (`--logging.format auto` picks pretty only then); default: it is checked. */
  stdoutIsTTY?: boolean;
}

export type LoadConfigResult<S extends OptionSchema = OptionSchema> =
  | { kind: 'help'; text: string }
  | { kind: 'version' }
  | {
      kind: 'config';
      config: NeuronConfig;
      /** The subnet's options, typed. */
      options: OptionsOf<S>;
      /** Things worth one log line at start (e.g. a validator flag given to a miner). */
      warnings: string[];
    };

/** Whether `spec` is for this app (role, and axon flags only where an axon is served). */
export function appliesTo(spec: OptionSpec, role: Role, servesAxon: boolean): boolean {
  if (spec.axon && !servesAxon) return false;
  return spec.roles === undefined || spec.roles.includes(role);
}

/** Merges built-in defaults < app defaults < --config file < env < flags and validates the result once. */
export function loadConfig<S extends OptionSchema = OptionSchema>(
  options: LoadConfigOptions<S>,
): LoadConfigResult<S> {
  const env = options.env ?? process.env;
  const home = options.home ?? homedir();
  const servesAxon = options.servesAxon ?? options.role === 'miner';
  const specs = [...BASE_OPTIONS, ...(options.extraOptions ?? []), ...specsOf(options.options)];
  const keys = new Set(specs.map((s) => s.key));
  const parsed = parseArgv(options.argv, specs);
  if (parsed.version) return { kind: 'version' };

  const values = new Map<string, SourcedValue>();
  for (const spec of specs) {
    if (spec.default !== undefined) values.set(spec.key, { raw: spec.default, source: 'default' });
  }
  const problems: string[] = [];
  if (options.appDefaultsFile) mergeFile(values, keys, options.appDefaultsFile, 'app', problems);
  if (parsed.help) {
    const defaults: HelpDefaults = new Map([...values].map(([k, v]) => [k, v.raw]));
    const shown = specs.filter((s) => appliesTo(s, options.role, servesAxon));
    return {
      kind: 'help',
      text: formatHelp(shown, options.usage ?? `Usage: ${options.role} [options]`, defaults),
    };
  }
  problems.push(...parsed.errors);
  const configFile = parsed.values.get('config') ?? firstEnv(env, 'config');
  if (typeof configFile === 'string') {
    mergeFile(values, keys, expandHome(configFile, home), 'config', problems);
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
  let endpoint = { endpoint: '', network: '' };
  if (checked.ok) {
    const v = checked.values;
    for (const kind of ['wallet', 'hotkey'] as const) {
      const key = kind === 'wallet' ? 'wallet.name' : 'wallet.hotkey';
      try {
        assertValidName(kind, v[key] as string);
      } catch (error) {
        problems.push(
          `--${key}: ${(error as Error).message}; ${(error as { hint?: string }).hint ?? ''}`.trim(),
        );
      }
    }
    try {
      endpoint = resolveEndpoint({
        network: v['subtensor.network'] as string,
        chainEndpoint: v['subtensor.chain_endpoint'] as string | undefined,
      });
    } catch (error) {
      const hint = (error as { hint?: string }).hint;
      problems.push(
        `--subtensor.network/--subtensor.chain_endpoint: ${(error as Error).message}${hint ? `. ${hint}` : ''}`,
      );
    }
  }
  if (problems.length > 0 || !checked.ok) throw new ConfigError(problems);

  const local = endpoint.network === 'local';
  const resolved: Record<string, OptionValue | undefined> = { ...checked.values };
  for (const spec of specs) {
    const source = values.get(spec.key)?.source;
    // An operator's own setting always wins; the local default only replaces the app's defaults.
    if (local && spec.localDefault !== undefined && (source === 'default' || source?.startsWith('app '))) {
      resolved[spec.key] = spec.localDefault;
    }
  }
  const warnings: string[] = [];
  for (const spec of specs) {
    const source = values.get(spec.key)?.source;
    if (source === undefined || source === 'default' || source.startsWith('app ')) continue;
    if (!appliesTo(spec, options.role, servesAxon)) {
      warnings.push(`--${spec.key} (from ${source}) does not apply to a ${options.role}; ignored`);
    }
  }
  const typed = typedOptions(options.options, resolved, { home }, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  const tty = options.stdoutIsTTY ?? process.stdout.isTTY === true;
  return {
    kind: 'config',
    config: toNeuronConfig(options.role, resolved, home, endpoint, tty),
    options: typed,
    warnings,
  };
}

function firstEnv(env: Readonly<Record<string, string | undefined>>, key: string): string | undefined {
  for (const name of envNames(key)) if (env[name]) return env[name];
  return undefined;
}

function mergeFile(
  values: Map<string, SourcedValue>,
  keys: Set<string>,
  file: string,
  kind: 'app' | 'config',
  problems: string[],
): void {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (kind === 'config') problems.push(`cannot read config file ${file}: ${(error as Error).message}`);
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
    if (key === '$comment' || key.endsWith('.$comment')) continue;
    if (!keys.has(key)) {
      problems.push(`unknown option '${key}' in config file ${file}`);
      continue;
    }
    values.set(key, { raw, source: `${kind === 'app' ? 'app defaults' : 'config file'} ${file}` });
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

function toNeuronConfig(
  role: Role,
  v: Record<string, OptionValue | undefined>,
  home: string,
  chain: { endpoint: string; network: string },
  tty: boolean,
): NeuronConfig {
  const str = (k: string) => v[k] as string;
  const optStr = (k: string) => v[k] as string | undefined;
  const num = (k: string) => v[k] as number;
  const optNum = (k: string) => v[k] as number | undefined;
  const bool = (k: string) => v[k] as boolean;
  const netuid = num('netuid');
  const wallet = {
    name: str('wallet.name'),
    hotkey: str('wallet.hotkey'),
    path: expandHome(str('wallet.path'), home),
  };
  const format = str('logging.format');
  const loggingDir = optStr('logging.logging_dir');
  return {
    role,
    netuid,
    wallet,
    subtensor: {
      network: str('subtensor.network'),
      chainEndpoint: chain.endpoint,
      local: chain.network === 'local',
    },
    axon: {
      port: num('axon.port'),
      ip: str('axon.ip'),
      externalIp: optStr('axon.external_ip'),
      externalPort: optNum('axon.external_port'),
      maxWorkers: optNum('axon.max_workers'),
    },
    logging: {
      level: bool('logging.trace') ? 'trace' : bool('logging.debug') ? 'debug' : 'info',
      format: format === 'auto' ? (tty ? 'pretty' : 'json') : (format as 'json' | 'pretty'),
      dir: loggingDir === undefined ? undefined : expandHome(loggingDir, home),
    },
    metrics: { host: str('metrics.host'), port: num('metrics.port') },
    dashboard: {
      enabled: bool('dashboard.enabled'),
      tokenFile:
        optStr('dashboard.token_file') === undefined
          ? undefined
          : expandHome(str('dashboard.token_file'), home),
      allowedHosts: (optStr('dashboard.allowed_hosts') ?? '')
        .split(',')
        .map((h) => h.trim())
        .filter((h) => h !== ''),
      retentionDays: num('dashboard.retention_days'),
      maxMib: num('dashboard.max_mib'),
    },
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
      disabled: bool('neuron.disable_blacklist'),
    },
    values: v,
  };
}
