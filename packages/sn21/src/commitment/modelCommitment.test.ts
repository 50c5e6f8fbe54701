import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CommitmentFormatError } from '../errors.js';
import {
  buildModelCommitment,
  formatModelCommitment,
  nameHash,
  parseModelCommitment,
  tryParseModelCommitment,
} from './modelCommitment.js';

const sha = 'ab'.repeat(20);

describe('SN21 commitment format (spec §2.2)', () => {
  it('builds, formats and parses back', () => {
    const c = buildModelCommitment({ repo: 'alice/caption-v1', commit: sha, competition: 'o1' });
    const text = formatModelCommitment(c);
    expect(text).toBe(`alice:caption-v1:0:${sha}:${c.hash}:o1`);
    expect(parseModelCommitment(text)).toEqual(c);
  });

  it('name hash = int(sha256("ns name epoch comp")[:16 hex]) in decimal', () => {
    const hex = createHash('sha256').update('alice caption-v1 0 o1').digest('hex').slice(0, 16);
    expect(nameHash('alice', 'caption-v1', '0', 'o1')).toBe(BigInt(`0x${hex}`).toString());
    // A known value: sha256("a b 0 o1")[:16].
    const known = createHash('sha256').update('a b 0 o1').digest('hex').slice(0, 16);
    expect(nameHash('a', 'b', '0', 'o1')).toBe(BigInt(`0x${known}`).toString());
  });

  it('reads five fields as the original competition o1', () => {
    expect(parseModelCommitment(`ns:name:3:${sha}:42`).competition).toBe('o1');
  });

  it.each([
    ['', /empty/],
    ['just-text', /6 colon-separated fields, got 1/],
    [`ns:name:0:${sha}:1:o1:extra`, /got 7/],
    [`ns:name:0:None:1:o1`, /revision must be pinned/],
    [`ns:name:0:${sha.toUpperCase()}:1:o1`, /commit .* 40-character/],
    [`ns:name:0:abc:1:o1`, /commit "abc"/],
    [`ns:na/me:0:${sha}:1:o1`, /name "na\/me"/],
    [`-ns:name:0:${sha}:1:o1`, /namespace/],
    [`ns:na--me:0:${sha}:1:o1`, /contains "--"/],
    [`ns:name:0:${sha}:0x12:o1`, /hash/],
    [`ns:name:0:${sha}:99999999999999999999:o1`, /larger than 64 bits/],
    [`ns:name::${sha}:1:o1`, /epoch/],
    [`ns:name:0:${sha}:1:o 1`, /competition/],
    [`${'n'.repeat(60)}:${'m'.repeat(60)}:0:${sha}:1:o1`, /more than 128/],
  ])('refuses %j with a reason', (text, reason) => {
    const r = tryParseModelCommitment(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toBeInstanceOf(CommitmentFormatError);
      expect(r.error.message).toMatch(reason);
      expect(r.error.disposition).toBe('ignore');
    }
  });

  it('refuses to format what would not fit 128 bytes', () => {
    const c = buildModelCommitment({
      repo: `${'a'.repeat(40)}/${'b'.repeat(40)}`,
      commit: sha,
      competition: 'o1',
    });
    expect(() => formatModelCommitment(c)).toThrow(/more than 128.*shorter repo name/);
    expect(() => buildModelCommitment({ repo: 'no-slash', commit: sha, competition: 'o1' })).toThrow(
      /namespace\/name/,
    );
  });
});
