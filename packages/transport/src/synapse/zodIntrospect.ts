import type { z } from 'zod';
import type { NumberKind } from '../codec/pythonStr.js';

// Reads just enough of a zod 4 schema to act like pydantic: which fields are required, what an
// "empty instance" of a field's type is (for bt_header_input_obj_*), and int vs float numbers.

interface ZodInternals {
  _zod: { def: { type: string; innerType?: z.ZodType; in?: z.ZodType; options?: z.ZodType[] } };
  isInt?: boolean;
}

function unwrap(schema: z.ZodType): ZodInternals {
  let s = schema as unknown as ZodInternals;
  for (let i = 0; i < 16; i++) {
    const def = s._zod.def;
    const next = def.innerType ?? (def.type === 'pipe' ? def.in : undefined);
    if (next === undefined) return s;
    s = next as unknown as ZodInternals;
  }
  return s;
}

/** A field is required (pydantic: no default) when it cannot be left out. */
export function isRequiredField(schema: z.ZodType): boolean {
  return !schema.safeParse(undefined).success;
}

/** 'int' for z.int()/z.number().int() (and arrays of them), otherwise 'float' for numbers. */
export function numberKind(schema: z.ZodType): NumberKind | undefined {
  const s = unwrap(schema);
  const t = s._zod.def.type;
  if (t === 'number') return s.isInt === true ? 'int' : 'float';
  if (t === 'bigint') return 'int';
  if (t === 'array') {
    const element = (s._zod.def as unknown as { element: z.ZodType }).element;
    return numberKind(element);
  }
  return undefined;
}

/** JSON of `type(value)()` for the field's Python type: `0`, `0.0`, `""`, `[]`, `{}`, `false`. */
export function emptyInstanceJson(schema: z.ZodType): string {
  const s = unwrap(schema);
  switch (s._zod.def.type) {
    case 'number':
      return s.isInt === true ? '0' : '0.0';
    case 'bigint':
      return '0';
    case 'string':
    case 'enum':
    case 'literal':
      return '""';
    case 'boolean':
      return 'false';
    case 'array':
    case 'tuple':
      return '[]';
    case 'object':
    case 'record':
      return '{}';
    default:
      return 'null';
  }
}
