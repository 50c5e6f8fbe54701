import { z } from 'zod';
import type { OptionSpec, OptionValue } from './options.js';

export interface SourcedValue {
  raw: unknown;
  /** Where it came from, for error messages: `--axon.port`, `env TAONODE_AXON_PORT`, `config file x.json`. */
  source: string;
}

function schemaFor(spec: OptionSpec): z.ZodType<OptionValue> {
  switch (spec.kind) {
    case 'boolean':
      return z.union([
        z.boolean(),
        z
          .enum(['true', 'false', '1', '0', 'yes', 'no'])
          .transform((v) => v === 'true' || v === '1' || v === 'yes'),
      ]);
    case 'integer':
    case 'number': {
      let n = z.number();
      if (spec.kind === 'integer') n = n.int();
      if (spec.min !== undefined) n = n.min(spec.min);
      if (spec.max !== undefined) n = n.max(spec.max);
      const fromString = z
        .string()
        .trim()
        .regex(/^-?(\d+(\.\d+)?|\.\d+)(e-?\d+)?$/i, 'expected a number')
        .transform(Number)
        .pipe(n);
      return z.union([n, fromString]);
    }
    case 'enum':
      return z.enum(spec.choices as [string, ...string[]]);
    case 'string':
      return z.string().min(1, 'must not be empty');
  }
}

/** The one zod schema of a daemon's configuration, built from its option table. */
export function buildConfigSchema(specs: readonly OptionSpec[]) {
  const shape: Record<string, z.ZodType<OptionValue | undefined>> = {};
  for (const spec of specs) {
    const base = schemaFor(spec);
    shape[spec.key] = spec.required ? base : base.optional();
  }
  return z.strictObject(shape);
}

/** Validates every value at once; returns flat dotted keys → typed values, or messages naming the source. */
export function validateValues(
  specs: readonly OptionSpec[],
  values: Map<string, SourcedValue>,
): { ok: true; values: Record<string, OptionValue | undefined> } | { ok: false; errors: string[] } {
  const input: Record<string, unknown> = {};
  for (const [key, v] of values) input[key] = v.raw;
  const result = buildConfigSchema(specs).safeParse(input);
  if (result.success) return { ok: true, values: result.data };
  const errors = result.error.issues.map((issue) => {
    const key = String(issue.path[0] ?? '');
    const sourced = values.get(key);
    const spec = specs.find((s) => s.key === key);
    if (!sourced && spec?.required) return `--${key} is required: ${spec.description.toLowerCase()}`;
    const where = sourced ? ` (from ${sourced.source}, got ${JSON.stringify(sourced.raw)})` : '';
    const allowed = spec?.kind === 'enum' ? `; one of ${spec.choices?.join(', ')}` : '';
    return `--${key}: ${describeIssue(issue, spec)}${allowed}${where}`;
  });
  return { ok: false, errors };
}

function describeIssue(issue: z.core.$ZodIssue, spec: OptionSpec | undefined): string {
  if (spec?.kind === 'integer' || spec?.kind === 'number') {
    const range =
      spec.min !== undefined && spec.max !== undefined
        ? ` between ${spec.min} and ${spec.max}`
        : spec.min !== undefined
          ? ` >= ${spec.min}`
          : '';
    return `expected ${spec.kind === 'integer' ? 'an integer' : 'a number'}${range}`;
  }
  if (spec?.kind === 'boolean') return 'expected true or false';
  return issue.message;
}
