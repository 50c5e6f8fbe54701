import type { ChainClient } from '../client/connect.js';
import { axonIpProblem, decodeIp, encodeIp } from '../encoding/axonIp.js';
import { AXON_PROTOCOL } from '../encoding/serveAxonCall.js';
import { ChainError, ChainInputError } from '../errors/chainError.js';
import { hintFor } from '../errors/hints.js';
import { signerAddress, type TxSigner } from '../tx/signer.js';
import { type SubmitResult, submitExtrinsic } from '../tx/submit.js';

/** version_as_int("10.2.0"), what the Python SDK sends. */
export const DEFAULT_AXON_VERSION = 10_002_000;

export interface AxonInfo {
  block: number;
  version: number;
  ip: string;
  ipType: number;
  port: number;
  protocol: number;
}

export interface ServeAxonParams {
  /** The neuron's hotkey: serve_axon is hotkey-signed (and fee-free). */
  signer: TxSigner;
  netuid: number;
  ip: string;
  port: number;
  /** `version_as_int` of the software; default 10002000 (what the Python SDK 10.2.0 sends). */
  version?: number;
  protocol?: number;
  /** Send even what the runtime is known to refuse (to see its own error); default false. */
  skipLocalChecks?: boolean;
}

export interface ServeAxonResult {
  /** False when the chain already had exactly this axon, so nothing was sent. */
  changed: boolean;
  /** The opposite of `changed`. */
  skipped: boolean;
  result?: SubmitResult;
}

/** The axon the chain has for this hotkey on `netuid`, or undefined when never served. */
export async function getAxon(
  client: ChainClient,
  params: { netuid: number; hotkey: string },
): Promise<AxonInfo | undefined> {
  const stored = await client.request('SubtensorModule.Axons', (api) =>
    api.query.subtensorModule.axons(params.netuid, params.hotkey),
  );
  const json = stored.toJSON() as {
    block: number;
    version: number;
    ip: number | string;
    port: number;
    ipType: number;
    protocol: number;
  } | null;
  if (json === null) return undefined;
  return {
    block: json.block,
    version: json.version,
    ip: decodeIp(BigInt(json.ip)),
    ipType: json.ipType,
    port: json.port,
    protocol: json.protocol,
  };
}

/**
 * serve_axon (spec §3.11): skipped when the chain already holds the same ip/port/type/version/protocol,
 * like the Python SDK, so restarting a miner does not spend its serving rate limit.
 */
export async function serveAxon(client: ChainClient, params: ServeAxonParams): Promise<ServeAxonResult> {
  const { ip, ipType } = encodeIp(params.ip);
  const protocol = params.protocol ?? AXON_PROTOCOL;
  const problem = axonIpProblem(ip, ipType, params.port);
  if (problem !== undefined && params.skipLocalChecks !== true) {
    const name = /port/.test(problem) ? 'InvalidPort' : 'InvalidIpAddress';
    throw new ChainError(name, `cannot serve ${params.ip}:${params.port}: ${problem}`, {
      pallet: 'SubtensorModule',
      hint: hintFor(name),
      details: { ip: params.ip, port: params.port, checkedLocally: true },
    });
  }
  const version = params.version ?? DEFAULT_AXON_VERSION;
  if (!Number.isInteger(version) || version < 0 || version > 0xffffffff) {
    throw new ChainInputError(`version ${version} is not a u32`, { version });
  }
  const hotkey = signerAddress(params.signer);
  const current = await getAxon(client, { netuid: params.netuid, hotkey });
  if (
    current !== undefined &&
    current.ip === decodeIp(ip) &&
    current.port === params.port &&
    current.ipType === ipType &&
    current.version === version &&
    current.protocol === protocol
  ) {
    return { changed: false, skipped: true };
  }
  const tx = client.api.tx.subtensorModule.serveAxon(
    params.netuid,
    version,
    ip,
    params.port,
    ipType,
    protocol,
    0,
    0,
  );
  const result = await submitExtrinsic(client, tx, { signer: params.signer, label: 'serve_axon' });
  return { changed: true, skipped: false, result };
}
