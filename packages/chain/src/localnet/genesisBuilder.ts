import {
  compactAddLength,
  compactStripLength,
  hexToU8a,
  stringToU8a,
  u8aToHex,
  u8aToString,
} from '@polkadot/util';
import type { PlainChainSpec, RawChainSpec } from './chainSpec.js';
import { ChainSpecError } from './chainSpec.js';
import { loadChopsticks } from './loadChopsticks.js';

type HexString = `0x${string}`;
const CODE_KEY = '0x3a636f6465';

/** What `runTask` needs; injected so this file does not load chopsticks itself. */
export type RunTask = (
  task: {
    wasm: HexString;
    calls: [string, HexString[]][];
    mockSignatureHost: boolean;
    allowUnresolvedImports: boolean;
    runtimeLogLevel: number;
  },
  handler: {
    getStorage: (key: HexString) => Promise<string | undefined>;
    getNextKey: (prefix: HexString, key: HexString) => Promise<string | undefined>;
    offchainGetStorage: (key: HexString) => Promise<string | undefined>;
    offchainTimestamp: () => Promise<number>;
    offchainRandomSeed: () => Promise<HexString>;
    offchainSubmitTransaction: (tx: HexString) => Promise<boolean>;
  },
) => Promise<
  { Call: { result: HexString; storageDiff: [HexString, HexString | null][] } } | { Error: string }
>;

/** JSON merge as sc-chain-spec applies a genesis patch: objects merge key by key, anything else replaces. */
export function mergePatch(base: unknown, patch: unknown): unknown {
  if (!isObject(base) || !isObject(patch)) return patch;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) out[key] = mergePatch(out[key], value);
  return out;
}

/**
 * Derives the raw genesis storage of a non-raw spec the way a node does: ask the runtime for its
 * default genesis config (`GenesisBuilder_get_preset(None)`), merge the spec's patch, run
 * `GenesisBuilder_build_state` on empty storage, and keep the resulting storage plus `:code`.
 */
export async function buildRawSpec(spec: PlainChainSpec, runTask: RunTask): Promise<RawChainSpec> {
  const { code, patch } = spec.genesis.runtimeGenesis;
  const wasm = code as HexString;
  const call = async (method: string, arg: Uint8Array) => {
    const res = await runTask(
      {
        wasm,
        calls: [[method, [u8aToHex(arg)]]],
        mockSignatureHost: false,
        allowUnresolvedImports: true,
        runtimeLogLevel: 0,
      },
      emptyStorage,
    );
    if ('Error' in res)
      throw new ChainSpecError(`${method} failed: ${res.Error}`, 'Use a raw chain spec instead.');
    return res.Call;
  };

  const preset = hexToU8a((await call('GenesisBuilder_get_preset', new Uint8Array([0]))).result);
  if (preset[0] !== 1)
    throw new ChainSpecError('the runtime has no default genesis preset', 'Use a raw spec.');
  const [, presetJson] = compactStripLength(preset.subarray(1));
  const config = mergePatch(JSON.parse(u8aToString(presetJson)), patch ?? {});

  const built = await call(
    'GenesisBuilder_build_state',
    compactAddLength(stringToU8a(JSON.stringify(config))),
  );
  const result = hexToU8a(built.result);
  if (result[0] !== 0) {
    const [, reason] = compactStripLength(result.subarray(1));
    throw new ChainSpecError(
      `GenesisBuilder_build_state refused the config: ${u8aToString(reason)}`,
      'Check the spec patch.',
    );
  }
  const top: Record<string, string> = {};
  for (const [key, value] of built.storageDiff) if (value !== null) top[key] = value;
  top[CODE_KEY] = code;

  const { genesis: _genesis, ...rest } = spec;
  return { ...rest, genesis: { raw: { top: sortKeys(top) } } };
}

const emptyStorage = {
  getStorage: async () => undefined,
  getNextKey: async () => undefined,
  offchainGetStorage: async () => undefined,
  offchainTimestamp: async () => Date.now(),
  offchainRandomSeed: async () => u8aToHex(new Uint8Array(32)),
  offchainSubmitTransaction: async () => false,
};

/** buildRawSpec with chopsticks' own WASM executor. */
export async function deriveRawSpec(spec: PlainChainSpec): Promise<RawChainSpec> {
  const { runTask } = await loadChopsticks();
  return buildRawSpec(spec, runTask as unknown as RunTask);
}

function sortKeys(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
