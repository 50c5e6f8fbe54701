import { dendriteSignatureMessage } from '../codec/signatureMessage.js';
import type { TerminalInfo } from '../synapse/terminalInfo.js';
import type { NonceWindow } from './nonceWindow.js';
import { checkSignature } from './signatureCheck.js';
import type { VerifyPool } from './verifyPool.js';

export interface VerifyInput {
  dendrite: TerminalInfo;
  bodyHash: string | undefined;
  timeoutS: number;
  axonHotkey: string;
  nonces: NonceWindow;
  pool: VerifyPool | undefined;
}

export type VerifyOutcome =
  | { ok: false; reason: string }
  /** `commit()` records the nonce; it re-checks first and returns a reason if a twin got there first. */
  | { ok: true; commit: () => string | undefined };

const reject = (reason: string): VerifyOutcome => ({ ok: false, reason });

/**
 * §1.7 default_verify, except the signature is always required (SDK #3392). The nonce is
 * recorded only when the caller commits — after the blacklist — so blacklisted keys cannot fill
 * the nonce window.
 */
export async function verifyRequest(v: VerifyInput): Promise<VerifyOutcome> {
  const { dendrite: d } = v;
  if (d.hotkey === null || d.hotkey === '') return reject('Missing dendrite hotkey');
  if (d.nonce === null) return reject('Missing Nonce');
  if (d.uuid === null || d.uuid === '') return reject('Missing dendrite uuid');
  if (d.signature === null || d.signature === '') return reject('Missing signature');
  if (v.bodyHash === undefined) return reject('Missing computed_body_hash');
  const endpoint = `${d.hotkey}:${d.uuid}`;
  const stale = v.nonces.check(endpoint, d.nonce, v.timeoutS);
  if (stale !== undefined) return reject(stale);
  const message = dendriteSignatureMessage({
    nonce: d.nonce,
    dendriteHotkey: d.hotkey,
    axonHotkey: v.axonHotkey,
    uuid: d.uuid,
    bodyHash: v.bodyHash,
  });
  const ok = await checkSignature(message, d.signature, d.hotkey, v.pool);
  if (!ok) return reject(`Signature mismatch: not signed by ${d.hotkey} for axon ${v.axonHotkey}`);
  const nonce = d.nonce;
  return {
    ok: true,
    commit: () => {
      // Checked again: a request with the same nonce may have passed while this one was verified.
      const raced = v.nonces.check(endpoint, nonce, v.timeoutS);
      if (raced !== undefined) return raced;
      v.nonces.commit(endpoint, nonce);
      return undefined;
    },
  };
}
