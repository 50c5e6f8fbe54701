import { describe, expect, it } from 'vitest';
import { type InterfaceMap, isPrivateIpv4, postedAddress } from './externalAddress.js';

const nic = (address: string, internal = false) => ({
  address,
  netmask: '255.255.255.0',
  family: 'IPv4' as const,
  mac: '00:00:00:00:00:00',
  internal,
  cidr: null,
});
const lo = { lo: [nic('127.0.0.1', true)] };

describe('postedAddress', () => {
  it('takes --axon.external_ip, then a specific bind address', () => {
    expect(postedAddress({ bindIp: '0.0.0.0', externalIp: '1.2.3.4', localChain: false })).toEqual({
      ok: true,
      ip: '1.2.3.4',
      how: 'given',
    });
    expect(postedAddress({ bindIp: '127.0.0.2', externalIp: undefined, localChain: true })).toMatchObject({
      ip: '127.0.0.2',
      how: 'bound',
    });
  });

  it('bound to every interface: a public address; a private one only on a local chain', () => {
    const interfaces: InterfaceMap = { ...lo, eth0: [nic('10.0.0.5')], eth1: [nic('203.0.113.7')] };
    expect(
      postedAddress({ bindIp: '0.0.0.0', externalIp: undefined, localChain: false, interfaces }),
    ).toEqual({
      ok: true,
      ip: '203.0.113.7',
      how: 'public interface',
    });
    const lan: InterfaceMap = { ...lo, eth0: [nic('192.168.1.20')] };
    expect(
      postedAddress({ bindIp: '::', externalIp: undefined, localChain: true, interfaces: lan }),
    ).toMatchObject({
      ip: '192.168.1.20',
      how: 'private interface',
    });
    const behindNat = postedAddress({
      bindIp: '::',
      externalIp: undefined,
      localChain: false,
      interfaces: lan,
    });
    expect(behindNat.ok).toBe(false);
    expect(!behindNat.ok && behindNat.reason).toMatch(
      /only private addresses \(192.168.1.20\).*--axon.external_ip/,
    );
  });

  it('with only loopback: 127.0.0.2 on a local chain, a refusal naming the flag elsewhere', () => {
    expect(
      postedAddress({ bindIp: '0.0.0.0', externalIp: undefined, localChain: true, interfaces: lo }),
    ).toMatchObject({
      ok: true,
      ip: '127.0.0.2',
    });
    const r = postedAddress({ bindIp: '0.0.0.0', externalIp: undefined, localChain: false, interfaces: lo });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/--axon.external_ip/);
  });

  it('knows private ranges', () => {
    expect(
      ['10.1.2.3', '172.16.0.1', '172.31.9.9', '192.168.0.1', '100.64.0.1', '169.254.1.1'].every(
        isPrivateIpv4,
      ),
    ).toBe(true);
    expect(['172.32.0.1', '8.8.8.8', '100.128.0.1'].some(isPrivateIpv4)).toBe(false);
  });
});
