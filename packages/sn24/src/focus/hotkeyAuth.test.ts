import { generateMnemonic, Keypair } from '@taonode/wallet';
import { describe, expect, it } from 'vitest';
import { basicAuthHeader, hotkeyCredentials, verifiedHotkey } from './hotkeyAuth.js';

describe('hotkey Basic auth', () => {
  it('signs the hotkey string itself and verifies it back; anything else is refused', () => {
    const key = Keypair.fromMnemonic(generateMnemonic());
    const creds = hotkeyCredentials(key);
    expect(creds.hotkey).toBe(key.ss58Address);
    expect(creds.signature).toMatch(/^0x[0-9a-f]{128}$/);
    expect(verifiedHotkey(basicAuthHeader(creds))).toBe(key.ss58Address);
    const other = Keypair.fromMnemonic(generateMnemonic());
    expect(
      verifiedHotkey(basicAuthHeader({ hotkey: other.ss58Address, signature: creds.signature })),
    ).toBeUndefined();
    expect(verifiedHotkey(undefined)).toBeUndefined();
    expect(verifiedHotkey('Bearer x')).toBeUndefined();
    expect(verifiedHotkey(`Basic ${Buffer.from('nocolon').toString('base64')}`)).toBeUndefined();
  });
});
