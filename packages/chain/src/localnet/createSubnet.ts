import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { ChainClient } from '../client/connect.js';
import { ChainError } from '../errors/chainError.js';
import { signerAddress, type TxSigner, toKeyringPair } from '../tx/signer.js';
import { findEvent, submitExtrinsic } from '../tx/submit.js';
import { headNumber, newBlocks, setStorage } from './devRpc.js';

/** Hyperparameters a test or demo usually wants; each maps to one AdminUtils sudo call. */
export interface TestSubnetParams {
  tempo?: number;
  weightsRateLimit?: number;
  commitRevealEnabled?: boolean;
  commitRevealPeriod?: number;
  minAllowedWeights?: number;
  targetRegistrationsPerInterval?: number;
  maxRegistrationsPerBlock?: number;
  servingRateLimit?: number;
  weightsVersionKey?: number;
  immunityPeriod?: number;
  maxAllowedUids?: number;
}

export const TEST_SUBNET_DEFAULTS: Required<
  Omit<
    TestSubnetParams,
    'tempo' | 'weightsVersionKey' | 'immunityPeriod' | 'maxAllowedUids' | 'commitRevealPeriod'
  >
> = {
  weightsRateLimit: 0,
  commitRevealEnabled: false,
  minAllowedWeights: 0,
  targetRegistrationsPerInterval: 256,
  maxRegistrationsPerBlock: 256,
  servingRateLimit: 0,
};

export interface CreateSubnetOptions extends TestSubnetParams {
  /** Pays the lock cost and owns the subnet; default //Alice. */
  owner?: TxSigner;
  /** Owner hotkey (uid 0); default the owner's own key. */
  ownerHotkey?: string;
  /** The sudo key; default //Alice (the dev genesis sudo). */
  sudo?: TxSigner;
  /**
   * The runtime makes a new subnet wait DurationOfStartCall blocks before start_call. `seed` (default)
   * writes what start_call would (FirstEmissionBlockNumber, SubtokenEnabled) at once; `wait` builds
   * the blocks and sends the real start_call; `skip` leaves the subnet unstarted.
   */
  startCall?: 'seed' | 'wait' | 'skip';
}

export interface CreatedSubnet {
  netuid: number;
  owner: string;
  ownerHotkey: string;
}

/**
 * Registers a subnet on a local chain and makes it test-friendly with sudo: network rate limit 0,
 * start_call done, registrations per block/interval raised, weights rate limit 0, commit-reveal off
 * unless asked, stake threshold 0, serving rate limit 0.
 */
export async function createSubnet(
  client: ChainClient,
  options: CreateSubnetOptions = {},
): Promise<CreatedSubnet> {
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const alice = keyring.addFromUri('//Alice');
  const owner: KeyringPair = options.owner === undefined ? alice : toKeyringPair(options.owner);
  const sudo: KeyringPair = options.sudo === undefined ? alice : toKeyringPair(options.sudo);
  const ownerHotkey = options.ownerHotkey ?? owner.address;
  const { api } = client;

  // Subnet creation is rate limited to one per 7200 blocks; a zero u64 must be written as hex.
  await setStorage(client, { SubtensorModule: { NetworkRateLimit: '0x0000000000000000' } });
  const registered = await submitExtrinsic(client, api.tx.subtensorModule.registerNetwork(ownerHotkey), {
    signer: owner,
    label: 'register_network',
  });
  const added = findEvent(registered, 'subtensorModule', 'NetworkAdded');
  if (added === undefined)
    throw new ChainError('ChainDecodeError', 'register_network emitted no NetworkAdded event');
  const netuid = Number(added.data['0']);

  const mode = options.startCall ?? 'seed';
  if (mode === 'seed') {
    // Exactly what start_call writes, without waiting DurationOfStartCall blocks first.
    const head = await headNumber(client);
    await setStorage(client, {
      SubtensorModule: {
        FirstEmissionBlockNumber: [[[netuid], u64Hex(head + 1)]],
        SubtokenEnabled: [[[netuid], '0x01']],
      },
    });
  } else if (mode === 'wait') {
    const delay = Number(api.consts.subtensorModule.durationOfStartCall?.toString() ?? '0');
    if (delay > 0) await newBlocks(client, delay + 1);
    await submitExtrinsic(client, api.tx.subtensorModule.startCall(netuid), {
      signer: owner,
      label: 'start_call',
    });
  }

  const p = { ...TEST_SUBNET_DEFAULTS, ...definedOnly(options) };
  const admin = api.tx.adminUtils;
  const calls = [
    admin.sudoSetWeightsSetRateLimit(netuid, p.weightsRateLimit),
    admin.sudoSetCommitRevealWeightsEnabled(netuid, p.commitRevealEnabled),
    admin.sudoSetMinAllowedWeights(netuid, p.minAllowedWeights),
    admin.sudoSetTargetRegistrationsPerInterval(netuid, p.targetRegistrationsPerInterval),
    admin.sudoSetMaxRegistrationsPerBlock(netuid, p.maxRegistrationsPerBlock),
    admin.sudoSetServingRateLimit(netuid, p.servingRateLimit),
    admin.sudoSetStakeThreshold(0),
  ];
  if (p.tempo !== undefined) calls.push(admin.sudoSetTempo(netuid, p.tempo));
  if (p.weightsVersionKey !== undefined)
    calls.push(admin.sudoSetWeightsVersionKey(netuid, p.weightsVersionKey));
  if (p.immunityPeriod !== undefined) calls.push(admin.sudoSetImmunityPeriod(netuid, p.immunityPeriod));
  if (p.maxAllowedUids !== undefined) calls.push(admin.sudoSetMaxAllowedUids(netuid, p.maxAllowedUids));
  if (p.commitRevealPeriod !== undefined) {
    calls.push(admin.sudoSetCommitRevealWeightsInterval(netuid, p.commitRevealPeriod));
  }
  await submitExtrinsic(client, api.tx.sudo.sudo(api.tx.utility.batchAll(calls)), {
    signer: sudo,
    label: 'sudo(test hyperparameters)',
  });
  return { netuid, owner: signerAddress(owner), ownerHotkey };
}

function u64Hex(n: number): string {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(n), true);
  return `0x${Buffer.from(bytes).toString('hex')}`;
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
