import type { ChainClient } from '../client/connect.js';
import { ChainInputError } from '../errors/chainError.js';
import { isValidAddress } from './address.js';

/** The all-zero account `Owner` returns for a hotkey nobody created (its ValueQuery default). */
const NO_OWNER = '5C4hrfjw9DjXZTzV3MwzrrAr9P1MJhSrvWGWqi1eSuyUpnhM';

/** The coldkey owning a hotkey (`SubtensorModule.Owner`), or undefined when the hotkey has none. */
export async function getHotkeyOwner(
  client: ChainClient,
  params: { hotkey: string },
): Promise<string | undefined> {
  if (!isValidAddress(params.hotkey)) {
    throw new ChainInputError(`hotkey "${params.hotkey}" is not an SS58 address`, { hotkey: params.hotkey });
  }
  const owner = await client.request('SubtensorModule.Owner', (api) =>
    api.query.subtensorModule.owner(params.hotkey),
  );
  const address = owner.toString();
  return address === NO_OWNER || address === '' ? undefined : address;
}
