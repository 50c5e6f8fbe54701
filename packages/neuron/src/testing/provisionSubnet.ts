import {
  addStake,
  burnedRegister,
  type ChainClient,
  type CreateSubnetOptions,
  createSubnet,
  fundAccount,
  taoToRao,
} from '@taonode/chain';
import { Wallet } from '@taonode/wallet';

export interface ProvisionedNeuron {
  /** Hotkey name inside the wallet (`validator`, `miner1`, …). */
  name: string;
  role: 'miner' | 'validator';
  hotkey: string;
  uid: number;
}

export interface ProvisionedSubnet {
  netuid: number;
  walletName: string;
  walletPath: string;
  coldkey: string;
  neurons: ProvisionedNeuron[];
}

/**
 * Local chains only (uses dev RPCs and //Alice as sudo): a funded btcli-layout wallet on disk with one
 * validator hotkey and `miners` miner hotkeys, a new test-friendly subnet, every hotkey registered,
 * the validator staked. What `taonode demo` and the runtime's end-to-end tests start from.
 */
export async function provisionSubnet(
  client: ChainClient,
  options: {
    walletPath: string;
    walletName?: string;
    miners: number;
    /** Hotkey names instead of `validator` and `miner1`…`minerN` (e.g. pm2 app names); sets the miner count. */
    hotkeys?: { validator: string; miners: readonly string[] };
    validatorStakeTao?: number;
    subnet?: CreateSubnetOptions;
    onProgress?: (step: string) => void;
  },
): Promise<ProvisionedSubnet> {
  const progress = options.onProgress ?? (() => {});
  const walletName = options.walletName ?? 'taonode-demo';
  const wallet = new Wallet({ name: walletName, path: options.walletPath });
  const coldkey = (await wallet.exists())
    ? await wallet.getColdkey()
    : (await wallet.createColdkey()).keypair;
  progress(`wallet ${walletName} (coldkey ${coldkey.ss58Address})`);
  await fundAccount(client, coldkey.ss58Address, taoToRao(100_000));
  const { netuid } = await createSubnet(client, options.subnet ?? {});
  progress(`subnet ${netuid} created`);
  const names = options.hotkeys
    ? [options.hotkeys.validator, ...options.hotkeys.miners]
    : ['validator', ...Array.from({ length: options.miners }, (_, i) => `miner${i + 1}`)];
  const neurons: ProvisionedNeuron[] = [];
  for (const [i, name] of names.entries()) {
    const existing = (await wallet.listHotkeys()).includes(name);
    const hotkey = existing
      ? await wallet.getHotkey({ hotkey: name })
      : (await wallet.createHotkey({ hotkey: name })).keypair;
    const { uid } = await burnedRegister(client, { signer: coldkey, hotkey: hotkey.ss58Address, netuid });
    neurons.push({
      name,
      role: i === 0 ? 'validator' : 'miner',
      hotkey: hotkey.ss58Address,
      uid,
    });
    progress(`${name} registered as uid ${uid}`);
  }
  const validator = neurons[0]!;
  await addStake(client, {
    signer: coldkey,
    hotkey: validator.hotkey,
    netuid,
    amount: taoToRao(options.validatorStakeTao ?? 1_000),
  });
  progress(`validator staked ${options.validatorStakeTao ?? 1_000} TAO`);
  return { netuid, walletName, walletPath: options.walletPath, coldkey: coldkey.ss58Address, neurons };
}
