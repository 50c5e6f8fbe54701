import { describe, expect, it } from 'vitest';
import { freePortOffset } from './portOffset.js';
import { expectOperatorBlocks, operatorBlocks } from './readmeBlocks.js';

const README = [
  '# x',
  '<!-- operator-test: chain background -->',
  '```sh',
  './taonode localnet start   # comment kept',
  '```',
  'text',
  '<!-- operator-test: wallet -->',
  '```sh',
  'a',
  '',
  'b',
  '```',
  '```sh',
  'not marked',
  '```',
].join('\n');

describe('operatorBlocks', () => {
  it('finds marked sh blocks in order, verbatim, with the background flag', () => {
    expect(operatorBlocks(README)).toEqual([
      { name: 'chain', background: true, script: './taonode localnet start   # comment kept\n', line: 2 },
      { name: 'wallet', background: false, script: 'a\n\nb\n', line: 7 },
    ]);
  });

  it('refuses a marker without a block, an unclosed block and a name used twice', () => {
    expect(() => operatorBlocks('<!-- operator-test: a -->\ntext')).toThrow(
      /must be followed by a ```sh block/,
    );
    expect(() => operatorBlocks('<!-- operator-test: a -->\n```sh\nx')).toThrow(/never closed/);
    expect(() =>
      operatorBlocks('<!-- operator-test: a -->\n```sh\n```\n<!-- operator-test: a -->\n```sh\n```'),
    ).toThrow(/marked twice/);
  });

  it('expectOperatorBlocks names what drifted', () => {
    expect([...expectOperatorBlocks(README, ['chain', 'wallet']).keys()]).toEqual(['chain', 'wallet']);
    expect(() => expectOperatorBlocks(README, ['wallet', 'chain'])).toThrow(
      /blocks are \[chain, wallet\], the test expects \[wallet, chain\]/,
    );
  });
});

describe('freePortOffset', () => {
  it('finds an offset putting every port on a free one, inside its range', async () => {
    const offset = await freePortOffset([8091, 9101, 9101], { min: 2_000, max: 3_000 });
    expect(offset).toBeGreaterThanOrEqual(2_000);
    expect(offset).toBeLessThan(3_000);
  });
});
