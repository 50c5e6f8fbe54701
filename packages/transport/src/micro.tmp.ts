import { Keypair } from '@taonode/wallet';
import { Dummy, signedDummyRequest } from './testing/fixtures.js';
import { parseLosslessJson, stringifyLosslessJson } from './codec/losslessJson.js';
import { synapseToHeaders, terminalFromHeaders } from './codec/headers.js';
import { processNonces } from './codec/nonce.js';
const alice = Keypair.fromUri('//Alice');
const bob = Keypair.fromUri('//Bob');
const r = signedDummyRequest({ signer: bob, axonHotkey: alice.ss58Address });
function t(name: string, fn: () => unknown) {
  for (let i = 0; i < 200; i++) fn();
  const n = 5000; const s = performance.now();
  for (let i = 0; i < n; i++) fn();
  console.log(name.padEnd(20), (((performance.now() - s) / n) * 1000).toFixed(1), 'µs');
}
const parsed = parseLosslessJson(r.body);
const syn = Dummy.parse(parsed).data!;
t('parseLossless', () => parseLosslessJson(r.body));
t('JSON.parse', () => JSON.parse(r.body));
t('def.parse', () => Dummy.parse(parsed));
t('bodyHash', () => Dummy.bodyHash(syn));
t('stringify', () => stringifyLosslessJson(syn));
t('toHeaders', () => synapseToHeaders({ synapse: syn, bodyHash: 'x', inputObjHeaders: Dummy.inputObjHeaders }));
t('fromHeaders', () => terminalFromHeaders(r.headers, 'dendrite'));
t('nonce', () => processNonces.next());
t('sign', () => bob.sign('hello world message of some length 1234567890'));
function write(v: unknown): string | undefined {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string': return JSON.stringify(v);
    case 'number': return Number.isFinite(v) ? String(v) : 'null';
    case 'bigint': return v.toString();
    case 'boolean': return v ? 'true' : 'false';
    case 'object': {
      if (Array.isArray(v)) return `[${v.map((x) => write(x) ?? 'null').join(',')}]`;
      let out = '{'; let first = true;
      for (const k in v) {
        const w = write((v as Record<string, unknown>)[k]);
        if (w === undefined) continue;
        out += `${first ? '' : ','}${JSON.stringify(k)}:${w}`; first = false;
      }
      return `${out}}`;
    }
    default: return undefined;
  }
}
t('customWrite', () => write(syn));
t('stringify2', () => stringifyLosslessJson(syn));
t('JSON.stringify(no big)', () => JSON.stringify({ ...syn, dendrite: { ...syn.dendrite, nonce: 1 }, axon: { ...syn.axon, nonce: null } }));
