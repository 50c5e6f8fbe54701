import { type Signer, verifySignature } from '@taonode/wallet';
import type { HotkeyCredentials } from './marketplace.js';

/**
 * The OMEGA API's miner credentials (spec §2.4b): HTTP Basic with the hotkey's SS58 address as user
 * and `0x` + its sr25519 signature of that same address as password. Static and replayable by
 * design (spec §8 item 6), so it proves only that the caller once held the hotkey.
 */
export function hotkeyCredentials(hotkey: Signer): HotkeyCredentials {
  const signature = Buffer.from(hotkey.sign(hotkey.ss58Address)).toString('hex');
  return { hotkey: hotkey.ss58Address, signature: `0x${signature}` };
}

export function basicAuthHeader(auth: HotkeyCredentials): string {
  return `Basic ${Buffer.from(`${auth.hotkey}:${auth.signature}`, 'utf8').toString('base64')}`;
}

/** The hotkey of a valid `Authorization` header, or undefined (missing, malformed or a bad signature). */
export function verifiedHotkey(header: string | undefined): string | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/.exec(header ?? '');
  if (match === null) return undefined;
  const text = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = text.indexOf(':');
  if (colon <= 0) return undefined;
  const hotkey = text.slice(0, colon);
  return verifySignature(hotkey, text.slice(colon + 1), hotkey) ? hotkey : undefined;
}
