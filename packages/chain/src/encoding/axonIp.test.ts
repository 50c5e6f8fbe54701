import { describe, expect, it } from 'vitest';
import { axonIpProblem, decodeIp, encodeIp } from './axonIp.js';
import { encodeServeAxonCall, versionAsInt } from './serveAxonCall.js';

describe('axon IP encoding (spec §3.11)', () => {
  it('encodes IPv4 as a big-endian integer with type 4 (vector V7)', () => {
    expect(encodeIp('192.168.1.10')).toEqual({ ip: 3232235786n, ipType: 4 });
    expect(decodeIp(3232235786n)).toBe('192.168.1.10');
    expect(decodeIp(0)).toBe('0.0.0.0');
  });

  it('encodes IPv6 as the 16 address bytes, big-endian, and decodes anything >= 2^32 as IPv6', () => {
    const { ip, ipType } = encodeIp('2001:db8::1');
    expect(ipType).toBe(6);
    expect(ip).toBe(0x20010db8000000000000000000000001n);
    expect(decodeIp(ip)).toBe('2001:db8::1');
    expect(decodeIp(encodeIp('::ffff:1.2.3.4').ip)).toBe('::ffff:102:304');
    expect(decodeIp(encodeIp('fe80:1:2:3:4:5:6:7').ip)).toBe('fe80:1:2:3:4:5:6:7');
  });

  it('refuses what the runtime refuses', () => {
    expect(() => encodeIp('localhost')).toThrow(/not an IPv4 or IPv6/);
    expect(axonIpProblem(encodeIp('127.0.0.1').ip, 4, 8091)).toMatch(/127\.0\.0\.2/);
    expect(axonIpProblem(encodeIp('127.0.0.2').ip, 4, 8091)).toBeUndefined();
    expect(axonIpProblem(encodeIp('::1').ip, 6, 8091)).toMatch(/::1/);
    expect(axonIpProblem(encodeIp('10.0.0.1').ip, 4, 0)).toMatch(/port/);
  });
});

describe('serve_axon call bytes (vector V7)', () => {
  it('matches the reference bytes', () => {
    expect(versionAsInt('10.2.0')).toBe(10002000);
    expect(versionAsInt('7.2.0')).toBe(7002000);
    const { ip, ipType } = encodeIp('192.168.1.10');
    expect(encodeServeAxonCall({ netuid: 1, version: 10002000, ip, ipType, port: 8091 })).toBe(
      '0x07040100509e98000a01a8c00000000000000000000000009b1f04040000',
    );
  });
});
