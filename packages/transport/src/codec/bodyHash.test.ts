import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineSynapse } from '../synapse/defineSynapse.js';
import { computeBodyHash, EMPTY_BODY_HASH, sha3Hex } from './bodyHash.js';

// Spec §5 V3.
describe('body hash (V3)', () => {
  it('is h("") without required hash fields', () => {
    expect(sha3Hex('')).toBe('a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a');
    expect(computeBodyHash({ anything: 1 }, [])).toBe(EMPTY_BODY_HASH);
  });

  it('hashes Dummy(dummy_input=4)', () => {
    expect(sha3Hex('4')).toBe('b410677b84ed73fac43fcf1abd933151dd417d932a0ef9b0260ecf8b7b72ecb9');
    const Dummy = defineSynapse(
      'Dummy',
      z.object({ dummy_input: z.int(), dummy_output: z.int().nullable().default(null) }),
      { requiredHashFields: ['dummy_input'] },
    );
    const s = Dummy.create({ dummy_input: 4 });
    expect(Dummy.bodyHash(s)).toBe('b103dc8a5244fd6548f7c0de617ee66d25f79007a993bc15c6ea11d8390e6279');
    expect(Dummy.inputObjHeaders).toEqual({ bt_header_input_obj_dummy_input: 'MA==' });
  });

  it('hashes two str fields and a list repr', () => {
    const fields = [{ name: 'a' }, { name: 'b' }];
    expect(computeBodyHash({ a: 'hello', b: 'world' }, fields)).toBe(
      '9fe0e9f1a178b0c22e12f5436b90be70328699df1311fe35d2e6f7400c6c5292',
    );
    expect(sha3Hex("['a', 'b']")).toBe('7c4ddd265900875dc76972886c942ffdc85a1a3e84716aef29a2941a401dd47b');
    expect(computeBodyHash({ l: ['a', 'b'] }, [{ name: 'l' }])).toBe(
      sha3Hex('7c4ddd265900875dc76972886c942ffdc85a1a3e84716aef29a2941a401dd47b'),
    );
  });

  it('hashes float fields as Python floats even when the value is integral', () => {
    const S = defineSynapse('F', z.object({ x: z.number() }), { requiredHashFields: ['x'] });
    expect(S.bodyHash(S.create({ x: 4 }))).toBe(sha3Hex(sha3Hex('4.0')));
  });

  it('builds input_obj headers from the empty instance of each required field type', () => {
    const S = defineSynapse(
      'Many',
      z.object({
        i: z.int(),
        s: z.string(),
        f: z.number(),
        l: z.array(z.string()),
        d: z.record(z.string(), z.number()),
        b: z.boolean(),
        opt: z.string().optional(),
        dflt: z.int().default(3),
      }),
    );
    expect(S.inputObjHeaders).toEqual({
      bt_header_input_obj_i: 'MA==',
      bt_header_input_obj_s: 'IiI=',
      bt_header_input_obj_f: 'MC4w',
      bt_header_input_obj_l: 'W10=',
      bt_header_input_obj_d: 'e30=',
      bt_header_input_obj_b: 'ZmFsc2U=',
    });
  });
});
