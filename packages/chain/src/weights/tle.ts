import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { bls12_381 } from '@noble/curves/bls12-381';
import { arkPairing, serializeGt } from './tlePairing.js';

/**
 * Timelock encryption to a drand quicknet round, in the format subtensor decrypts (`tle` with
 * TinyBLS381 + AES-GCM): Boneh–Franklin FullIdent over BLS12-381 (public key on G2, signatures on
 * G1) wraps a random AES-256 key; the message is AES-GCM encrypted under it. Core spec §3.8 step 5.
 */

/** drand quicknet's public key (G2, compressed). */
export const QUICKNET_PUBLIC_KEY =
  '83cf0f2896adee7eb8b5f01fcad3912212c437e0073e911fb90022d3e760183c8c4b450b6a0a6c3ac6a5776a2d1064510d1fec758c921cc22b0e17e63aaf4bcb5ed66304de9cf809bd274ca73bab4af5a6e9c76a4bc09e76eae8991ef5ece45a';
const QUICKNET_DST = 'BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_';
const CIPHER_SUITE = new TextEncoder().encode('AES_GCM_');
const R = bls12_381.fields.Fr.ORDER;
const G1 = bls12_381.G1.ProjectivePoint;
const G2 = bls12_381.G2.ProjectivePoint;

const sha256 = (...parts: Uint8Array[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
};
const xor32 = (a: Uint8Array, b: Uint8Array) => Uint8Array.from({ length: 32 }, (_, i) => a[i]! ^ b[i]!);
const beToBigint = (b: Uint8Array) => BigInt(`0x${Buffer.from(b).toString('hex')}`);
function leBytes(v: bigint, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = Number((v >> BigInt(8 * i)) & 0xffn);
  return out;
}

/** The identity a drand round signs: hash-to-G1 of sha256(round as u64 big-endian). */
export function roundIdentity(round: bigint | number) {
  const msg = new Uint8Array(8);
  new DataView(msg.buffer).setBigUint64(0, BigInt(round), false);
  return G1.fromAffine(bls12_381.G1.hashToCurve(sha256(msg), { DST: QUICKNET_DST }).toAffine());
}

/** Whether `signature` (48-byte G1, hex) is drand quicknet's beacon for `round`. */
export function verifyRoundSignature(
  round: bigint | number,
  signature: string,
  publicKey = QUICKNET_PUBLIC_KEY,
) {
  const sig = G1.fromHex(signature);
  const lhs = bls12_381.pairing(sig, G2.BASE);
  const rhs = bls12_381.pairing(roundIdentity(round), G2.fromHex(publicKey));
  return bls12_381.fields.Fp12.eql(lhs, rhs);
}

/** H3: 32 bytes ‖ message → scalar, sha256 read big-endian mod r. */
const h3 = (sigma: Uint8Array, message: Uint8Array) => beToBigint(sha256(sigma, message)) % R || 1n;

/** Appends an arkworks `Vec<u8>` (u64 LE length, then the bytes). */
function vec(bytes: Uint8Array): Uint8Array {
  return Buffer.concat([leBytes(BigInt(bytes.length), 8), bytes]);
}

class Reader {
  private at = 0;
  constructor(private readonly bytes: Uint8Array) {}
  take(n: number): Uint8Array {
    if (this.at + n > this.bytes.length) throw new Error('timelock ciphertext is truncated');
    const out = this.bytes.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }
  vec(): Uint8Array {
    const b = this.take(8);
    const len = new DataView(b.buffer, b.byteOffset, 8).getBigUint64(0, true);
    return this.take(Number(len));
  }
}

/**
 * Encrypts `message` so that it opens with the drand signature of `round`. Returns the
 * ark-serialised `TLECiphertext { header: { u, v, w }, body: { ciphertext, nonce }, cipher_suite }`.
 */
export function timelockEncrypt(
  message: Uint8Array,
  round: bigint | number,
  options: { publicKey?: string; random?: (n: number) => Uint8Array } = {},
): Uint8Array {
  const random = options.random ?? ((n: number) => new Uint8Array(randomBytes(n)));
  const key = random(32);
  // FullIdent: sigma from a random scalar, r = H3(sigma, key), U = rP, V = sigma ⊕ H2(e(Q_id, P_pub)^r).
  const t = beToBigint(random(48)) % R;
  const sigma = sha256(leBytes(t, 32));
  const r = h3(sigma, key);
  const u = G2.BASE.multiply(r);
  const gid = arkPairing(
    roundIdentity(round).multiply(r),
    G2.fromHex(options.publicKey ?? QUICKNET_PUBLIC_KEY),
  );
  const v = xor32(sigma, sha256(serializeGt(gid)));
  const w = xor32(key, sha256(sigma));

  const nonce = random(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  const body = Buffer.concat([cipher.update(message), cipher.final(), cipher.getAuthTag()]);
  return Buffer.concat([
    u.toRawBytes(true),
    vec(v),
    vec(w),
    vec(Buffer.concat([vec(body), vec(nonce)])),
    vec(CIPHER_SUITE),
  ]);
}

/** Opens a `timelockEncrypt` ciphertext with the round's drand signature (hex G1); throws if it does not match. */
export function timelockDecrypt(ciphertext: Uint8Array, signature: string): Uint8Array {
  const top = new Reader(ciphertext);
  const u = G2.fromHex(top.take(96));
  const v = top.vec();
  const w = top.vec();
  const bodyBytes = top.vec();
  const suite = Buffer.from(top.vec()).toString();
  if (suite !== 'AES_GCM_') throw new Error(`unsupported timelock cipher suite "${suite}"`);
  const sigma = xor32(v, sha256(serializeGt(arkPairing(G1.fromHex(signature), u))));
  const key = xor32(w, sha256(sigma));
  if (!G2.BASE.multiply(h3(sigma, key)).equals(u))
    throw new Error('the signature does not open this ciphertext');
  const body = new Reader(bodyBytes);
  const sealed = body.vec();
  const nonce = body.vec();
  const decipher = createDecipheriv('aes-256-gcm', key, nonce);
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]);
}
