import { isIP } from 'node:net';
import { ChainInputError } from '../errors/chainError.js';

export interface EncodedIp {
  /** The u128 the chain stores. */
  ip: bigint;
  ipType: 4 | 6;
}

/**
 * IPv4 `a.b.c.d` → a·2^24 + b·2^16 + c·2^8 + d (type 4); IPv6 → the 16 address bytes as a big-endian
 * integer (type 6). Spec §3.11.
 */
export function encodeIp(address: string): EncodedIp {
  const version = isIP(address);
  if (version === 4) {
    const ip = address.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
    return { ip, ipType: 4 };
  }
  if (version === 6) return { ip: ipv6ToBigInt(address), ipType: 6 };
  throw new ChainInputError(
    `"${address}" is not an IPv4 or IPv6 address`,
    { ip: address },
    'Pass e.g. 203.0.113.5.',
  );
}

/** The SDK's rule: an integer below 2^32 is IPv4, anything else IPv6 (ip_type is not consulted). */
export function decodeIp(ip: bigint | number | string): string {
  const value = BigInt(ip);
  if (value < 0n || value >= 1n << 128n)
    throw new ChainInputError(`ip ${value} is outside u128`, { ip: String(value) });
  if (value < 1n << 32n) {
    return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.');
  }
  const groups: string[] = [];
  for (let i = 7; i >= 0; i--) groups.push(((value >> BigInt(i * 16)) & 0xffffn).toString(16));
  return compressIpv6(groups);
}

/**
 * Checks the runtime's own rules before spending a transaction on them: it refuses 127.0.0.1,
 * 255.255.255.255, ::1 and all-ones, and port 0. Returns a problem description, or undefined.
 */
export function axonIpProblem(ip: bigint, ipType: 4 | 6, port: number): string | undefined {
  if (!Number.isInteger(port) || port < 1 || port > 65535) return `port ${port} is not in 1..65535`;
  if (ipType === 4) {
    if (ip >= 0xffffffffn) return 'IPv4 broadcast/out-of-range addresses are refused by the chain';
    if (ip === 0x7f000001n) return '127.0.0.1 is refused by the chain (use 127.0.0.2 for a local axon)';
  } else {
    if (ip === (1n << 128n) - 1n) return 'the all-ones IPv6 address is refused by the chain';
    if (ip === 1n) return '::1 is refused by the chain';
  }
  return undefined;
}

function ipv6ToBigInt(address: string): bigint {
  let text = address.split('%')[0]!;
  // An embedded IPv4 tail (::ffff:1.2.3.4) becomes two hex groups.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  if (v4 !== undefined) {
    const n = encodeIp(v4).ip;
    text = `${text.slice(0, -v4.length)}${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const fill = tail === undefined ? [] : Array(8 - headGroups.length - tailGroups.length).fill('0');
  return [...headGroups, ...fill, ...tailGroups].reduce((acc, g) => (acc << 16n) | BigInt(`0x${g}`), 0n);
}

/** RFC 5952: the longest run (≥2) of zero groups becomes `::`. */
function compressIpv6(groups: string[]): string {
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < groups.length; ) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < groups.length && groups[j] === '0') j++;
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (bestStart < 0) return groups.join(':');
  return `${groups.slice(0, bestStart).join(':')}::${groups.slice(bestStart + bestLen).join(':')}`;
}
