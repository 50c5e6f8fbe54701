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

/** Why a request failed verification, or undefined when it passed (its nonce not yet recorded). */
export type VerifyDoneFn = (reason: string | undefined) => void;

/**
 * §1.7 default_verify, except the signature is always required (SDK #3392). Answers through
 * `done`: at once for requests that fail before their signature is checked, in a later turn
 * otherwise. The nonce is not recorded here: the caller does that with `commitNonce` after the
 * blacklist, so blacklisted keys cannot fill the nonce window. (Callbacks, not promises: this
 * runs once per request, and each promise step is measurable at axon rates.)
 */
export function verifyRequest(v: VerifyInput, done: VerifyDoneFn): void {
  const failure = precheck(v);
  if (failure !== undefined) {
    done(failure);
    return;
  }
  const d = v.dendrite as Required<{ [K in keyof TerminalInfo]: NonNullable<TerminalInfo[K]> }>;
  const message = dendriteSignatureMessage({
    nonce: d.nonce,
    dendriteHotkey: d.hotkey,
    axonHotkey: v.axonHotkey,
    uuid: d.uuid,
    bodyHash: v.bodyHash!,
  });
  const hotkey = d.hotkey;
  checkSignature(message, d.signature, hotkey, v.pool, (ok) =>
    done(ok ? undefined : `Signature mismatch: not signed by ${hotkey} for axon ${v.axonHotkey}`),
  );
}

/** What fails before any signature work: missing headers, a stale or replayed nonce. */
function precheck(v: VerifyInput): string | undefined {
  const { dendrite: d } = v;
  if (d.hotkey === null || d.hotkey === '') return 'Missing dendrite hotkey';
  if (d.nonce === null) return 'Missing Nonce';
  if (d.uuid === null || d.uuid === '') return 'Missing dendrite uuid';
  if (d.signature === null || d.signature === '') return 'Missing signature';
  if (v.bodyHash === undefined) return 'Missing computed_body_hash';
  return v.nonces.check(endpointOf(d), d.nonce, v.timeoutS);
}

function endpointOf(d: TerminalInfo): string {
  return `${d.hotkey}:${d.uuid}`;
}

/**
 * Records a verified request's nonce. Checked again first: a request with the same nonce may
 * have passed while this one was verified; then the reason it fails now is returned.
 */
export function commitNonce(nonces: NonceWindow, d: TerminalInfo, timeoutS: number): string | undefined {
  const endpoint = endpointOf(d);
  const raced = nonces.check(endpoint, d.nonce!, timeoutS);
  if (raced !== undefined) return raced;
  nonces.commit(endpoint, d.nonce!);
  return undefined;
}
