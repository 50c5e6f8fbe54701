import { type ChainClient, ChainError, ChainUnreachableError, connect } from '@taonode/chain';
import { type Command, InvalidArgumentError } from 'commander';
import { CliError, EXIT } from '../../io/index.js';

/** The parsed `--subtensor.*` flags (commander keeps the dots). */
export interface ChainFlags {
  'subtensor.network'?: string;
  'subtensor.chain_endpoint'?: string;
}

/** Adds btcli's `--subtensor.network` and `--subtensor.chain_endpoint`. */
export function addChainOptions(cmd: Command, defaults: { network?: string } = {}): Command {
  return cmd
    .option(
      '--subtensor.network <name>',
      `finney, test, local or a ws(s):// URL (default: $BT_SUBTENSOR_NETWORK or ${defaults.network ?? 'finney'})`,
    )
    .option(
      '--subtensor.chain_endpoint <url>',
      'node websocket URL, overrides the network (default: $BT_SUBTENSOR_CHAIN_ENDPOINT)',
    );
}

/**
 * Connects with the flags, runs `fn`, always closes. ChainErrors keep their runtime name as the
 * error code (`--json` shows `"code":"SettingWeightsTooFast"`) and always carry a hint.
 */
export async function withChain<T>(
  flags: ChainFlags,
  fn: (client: ChainClient) => Promise<T>,
  defaults: { network?: string } = {},
): Promise<T> {
  let client: ChainClient | undefined;
  try {
    client = await connect({
      chainEndpoint: flags['subtensor.chain_endpoint'] ?? nonEmpty(process.env.BT_SUBTENSOR_CHAIN_ENDPOINT),
      network: flags['subtensor.network'] ?? nonEmpty(process.env.BT_SUBTENSOR_NETWORK) ?? defaults.network,
      connectTimeoutMs: 20_000,
    });
    return await fn(client);
  } catch (error) {
    throw toCliError(error);
  } finally {
    await client?.close();
  }
}

export function toCliError(error: unknown): unknown {
  if (!(error instanceof ChainError)) return error;
  return new CliError(error.message, {
    code: error.name,
    exitCode: error instanceof ChainUnreachableError ? EXIT.UNAVAILABLE : EXIT.FAILURE,
    hint: error.hint ?? `the chain refused it (${error.pallet ?? 'runtime'}.${error.name})`,
    cause: error,
  });
}

/** commander parser for a netuid. */
export function parseNetuid(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new InvalidArgumentError('must be an integer 0..65535');
  return n;
}

/** commander parser for a TCP port. */
export function parsePort(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > 65535)
    throw new InvalidArgumentError('must be an integer 1..65535');
  return n;
}

/** commander parser for a non-negative integer. */
export function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('must be a non-negative integer');
  return Number(value);
}

function nonEmpty(v: string | undefined): string | undefined {
  return v !== undefined && v !== '' ? v : undefined;
}

/** JSON.stringify replacer-free conversion: bigints become decimal strings. */
export function jsonSafe(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(jsonSafe);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonSafe(v)]));
  }
  return value;
}
