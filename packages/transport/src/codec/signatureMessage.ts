/** §1.6: the UTF-8 text a dendrite signs with its hotkey. `axonHotkey` is the target axon's ss58. */
export function dendriteSignatureMessage(p: {
  nonce: bigint | string;
  dendriteHotkey: string;
  axonHotkey: string;
  uuid: string;
  bodyHash: string;
}): string {
  return `${p.nonce}.${p.dendriteHotkey}.${p.axonHotkey}.${p.uuid}.${p.bodyHash}`;
}
