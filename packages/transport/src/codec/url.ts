import { isIPv6 } from 'node:net';

/** `http://ip:port`, IPv6 literals bracketed (the Python dendrite forgets to, §1.1). */
export function synapseOrigin(ip: string, port: number): string {
  return `http://${isIPv6(ip) ? `[${ip}]` : ip}:${port}`;
}

/** `http://ip:port/Name`, IPv6 literals bracketed. */
export function synapseUrl(ip: string, port: number, name: string): string {
  return `${synapseOrigin(ip, port)}/${name}`;
}
