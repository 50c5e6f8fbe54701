import { networkInterfaces } from 'node:os';

export type InterfaceMap = ReturnType<typeof networkInterfaces>;

export type PostedAddress =
  | {
      ok: true;
      ip: string;
      how: 'given' | 'bound' | 'public interface' | 'private interface' | 'loopback (local chain)';
    }
  | { ok: false; reason: string };

const ANY = new Set(['0.0.0.0', '::', '[::]', '']);

/** RFC 1918, CGNAT and link-local: reachable on a LAN, not from the internet. */
export function isPrivateIpv4(ip: string): boolean {
  const [a = 0, b = 0] = ip.split('.').map(Number);
  return (
    a === 10 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 169 && b === 254)
  );
}

/**
 * The address a miner posts on chain. `--axon.external_ip` wins, then a specific `--axon.ip`; a
 * miner bound to every interface posts this machine's first public IPv4. On a local chain a private
 * address will do, else a loopback one other than 127.0.0.1 (which the chain refuses). Elsewhere,
 * with no public address (behind NAT, a cloud VM), nothing is posted and the reason says what to
 * pass. Reads the interface table only; no network call.
 */
export function postedAddress(args: {
  bindIp: string;
  externalIp: string | undefined;
  localChain: boolean;
  interfaces?: InterfaceMap;
}): PostedAddress {
  if (args.externalIp !== undefined) return { ok: true, ip: args.externalIp, how: 'given' };
  if (!ANY.has(args.bindIp)) return { ok: true, ip: args.bindIp, how: 'bound' };
  const v4 = Object.values(args.interfaces ?? networkInterfaces())
    .flat()
    .filter((i) => i !== undefined && i.family === 'IPv4' && !i.internal)
    .map((i) => i!.address);
  const pub = v4.find((ip) => !isPrivateIpv4(ip));
  if (pub) return { ok: true, ip: pub, how: 'public interface' };
  const lan = v4.find(isPrivateIpv4);
  if (args.localChain) {
    return lan
      ? { ok: true, ip: lan, how: 'private interface' }
      : { ok: true, ip: '127.0.0.2', how: 'loopback (local chain)' };
  }
  const found = lan ? `only private addresses (${lan})` : 'no non-loopback IPv4 address';
  return {
    ok: false,
    reason: `the axon is bound to all interfaces and this machine has ${found}, which validators cannot reach; pass --axon.external_ip <public ip> (and --axon.external_port behind NAT)`,
  };
}
