import { isIPv6 } from 'node:net';

/** `http://ip:port/Name`, IPv6 literals bracketed (the Python dendrite forgets to, §1.1). */
export function synapseUrl(ip: string, port: number, name: string): string {
  const host = isIPv6(ip) ? `[${ip}]` : ip;
  return `http://${host}:${port}/${name}`;
}
