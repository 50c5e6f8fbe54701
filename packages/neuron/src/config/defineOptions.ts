import { expandHome } from '@taonode/kit';
import type { Role } from './neuronConfig.js';
import type { OptionKind, OptionSpec, OptionValue } from './options.js';

/**
 * A subnet option declared once: the flag (`key`), its checks and `--help` line (the OptionSpec the
 * loader validates), and the typed value the plug-in reads from `ctx.options.<name>`.
 */
export interface TypedOption<T> extends OptionSpec {
  /** Turns the validated flag value into what the plug-in sees; throws a message for a bad one. */
  readonly convert: (value: OptionValue | undefined, env: { home: string }) => T;
  /** Phantom: the value type, for `OptionsOf`. */
  readonly __value?: T;
}

export type OptionSchema = Readonly<Record<string, TypedOption<unknown>>>;

/** The typed options a schema yields: `{ circuits: string; ptau: string | undefined; … }`. */
export type OptionsOf<S extends OptionSchema> = {
  readonly [K in keyof S]: S[K] extends TypedOption<infer T> ? T : never;
};

interface Common {
  description: string;
  /** Only this role's app lists it (the other still accepts it, with a warning). */
  roles?: readonly Role[];
}

const asIs = <T>(value: OptionValue | undefined): T => value as T;

function typed<T>(
  key: string,
  kind: OptionKind,
  o: Common & Partial<Pick<OptionSpec, 'default' | 'min' | 'max' | 'required' | 'choices'>>,
  convert: (value: OptionValue | undefined, env: { home: string }) => T = asIs,
): TypedOption<T> {
  return { key, kind, ...o, convert };
}

type Num = Common & { min?: number; max?: number };

function string(key: string, o: Common & { default: string }): TypedOption<string>;
function string(key: string, o: Common & { required: true }): TypedOption<string>;
function string(key: string, o: Common): TypedOption<string | undefined>;
function string(key: string, o: Common & { default?: string; required?: boolean }) {
  return typed(key, 'string', o);
}

/** A file or folder: `~` expands, relative paths resolve against the working folder. */
function path(key: string, o: Common & { default: string }): TypedOption<string>;
function path(key: string, o: Common): TypedOption<string | undefined>;
function path(key: string, o: Common & { default?: string }) {
  return typed(key, 'string', o, (v, { home }) => (typeof v === 'string' ? expandHome(v, home) : undefined));
}

function integer(key: string, o: Num & { default: number }): TypedOption<number>;
function integer(key: string, o: Num): TypedOption<number | undefined>;
function integer(key: string, o: Num & { default?: number }) {
  return typed(key, 'integer', o);
}

function number(key: string, o: Num & { default: number }): TypedOption<number>;
function number(key: string, o: Num): TypedOption<number | undefined>;
function number(key: string, o: Num & { default?: number }) {
  return typed(key, 'number', o);
}

function boolean(key: string, o: Common & { default?: boolean }): TypedOption<boolean> {
  return typed(key, 'boolean', { ...o, default: o.default ?? false });
}

function choice<const C extends string>(
  key: string,
  choices: readonly C[],
  o: Common & { default: C },
): TypedOption<C> {
  return typed(key, 'enum', { ...o, choices });
}

/** Comma-separated integers (`512,1024`), each within [min, max]. */
function integerList(key: string, o: Num & { default: string }): TypedOption<number[]> {
  return typed(key, 'string', o, (v) => {
    const parts = String(v)
      .split(',')
      .map((p) => p.trim());
    const out = parts.map(Number);
    const bad = parts.find((p, i) => p === '' || !Number.isInteger(out[i]));
    const min = o.min ?? Number.NEGATIVE_INFINITY;
    const max = o.max ?? Number.POSITIVE_INFINITY;
    if (bad !== undefined || out.some((n) => n < min || n > max)) {
      throw new Error(
        `expected comma-separated integers${o.min !== undefined ? ` from ${o.min}` : ''}${o.max !== undefined ? ` to ${o.max}` : ''}, got "${v}"`,
      );
    }
    return out;
  });
}

/** The builders for a subnet's option schema (see `defineOptions`). */
export const option = { string, path, integer, number, boolean, choice, integerList };

/**
 * A subnet's options, declared once: `defineOptions({ circuits: option.string('neuron.circuits', …) })`.
 * The runtime validates them with the base flags, lists them in `--help` and hands the plug-in
 * `ctx.options` typed as `OptionsOf<typeof schema>`.
 */
export function defineOptions<const S extends OptionSchema>(schema: S): S {
  return schema;
}

/** The flag specs of a schema, for the loader and `--help`. */
export function specsOf(schema: OptionSchema | undefined): OptionSpec[] {
  return schema ? Object.values(schema) : [];
}

/**
 * The typed options from validated flag values; a value `convert` refuses becomes a problem
 * naming the flag (a usage error at start, like any other bad flag).
 */
export function typedOptions<S extends OptionSchema>(
  schema: S | undefined,
  values: Readonly<Record<string, OptionValue | undefined>>,
  env: { home: string },
  problems: string[],
): OptionsOf<S> {
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(schema ?? {})) {
    try {
      out[name] = spec.convert(values[spec.key], env);
    } catch (error) {
      problems.push(`--${spec.key}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return out as OptionsOf<S>;
}
