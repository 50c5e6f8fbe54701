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

/**
 * §1.7 default_verify, except the signature is always required (SDK #3392). Resolves to the
 * reason for rejection, or undefined when the request is authentic and fresh (its nonce is then
 * recorded).
 */
export async function verifyRequest(v: VerifyInput): Promise<string | undefined> {
  const { dendrite: d } = v;
  if (d.hotkey === null || d.hotkey === '') return 'Missing dendrite hotkey';
  if (d.nonce === null) return 'Missing Nonce';
  if (d.uuid === null || d.uuid === '') return 'Missing dendrite uuid';
  if (d.signature === null || d.signature === '') return 'Missing signature';
  if (v.bodyHash === undefined) return 'Missing computed_body_hash';
  const endpoint = `${d.hotkey}:${d.uuid}`;
  const stale = v.nonces.check(endpoint, d.nonce, v.timeoutS);
  if (stale !== undefined) return stale;
  const message = dendriteSignatureMessage({
    nonce: d.nonce,
    dendriteHotkey: d.hotkey,
    axonHotkey: v.axonHotkey,
    uuid: d.uuid,
    bodyHash: v.bodyHash,
  });
  const ok = await checkSignature(message, d.signature, d.hotkey, v.pool);
  if (!ok) return `Signature mismatch: not signed by ${d.hotkey} for axon ${v.axonHotkey}`;
  // Checked again: another request with the same nonce may have passed while this one verified.
  const raced = v.nonces.check(endpoint, d.nonce, v.timeoutS);
  if (raced !== undefined) return raced;
  v.nonces.commit(endpoint, d.nonce);
  return undefined;
}
