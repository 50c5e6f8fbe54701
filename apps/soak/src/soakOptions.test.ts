import { describe, expect, it } from 'vitest';
import { parseSoakArgs, SoakUsageError } from './soakOptions.js';

const seed = () => 'r4nd';

describe('parseSoakArgs', () => {
  it('defaults to a 60-minute soak of every subnet, sampled every 30 s, with a random seed', () => {
    expect(parseSoakArgs([], seed)).toEqual({
      minutes: 60,
      chaos: false,
      seed: 'r4nd',
      subnets: undefined,
      miners: 2,
      intervalS: 30,
      dir: undefined,
      readyTimeoutS: 900,
    });
  });

  it('reads --quick, --chaos, --seed and --subnets', () => {
    expect(
      parseSoakArgs(['--quick', '--chaos', '--seed', '42', '--subnets', 'test, sn2'], seed),
    ).toMatchObject({
      minutes: 5,
      chaos: true,
      seed: '42',
      subnets: ['test', 'sn2'],
    });
    expect(parseSoakArgs(['--minutes', '8'], seed)).toMatchObject({ minutes: 8 });
    expect(parseSoakArgs(['-h'], seed)).toBe('help');
  });

  it('names what is wrong', () => {
    expect(() => parseSoakArgs(['--quick', '--minutes', '3'], seed)).toThrow(/--quick or --minutes/);
    expect(() => parseSoakArgs(['--minutes', '0'], seed)).toThrow(SoakUsageError);
    expect(() => parseSoakArgs(['--miners', '1.5'], seed)).toThrow(/whole number/);
    expect(() => parseSoakArgs(['--nope'], seed)).toThrow(/nope/);
  });
});
