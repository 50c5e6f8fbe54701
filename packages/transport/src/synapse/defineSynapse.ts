import type { z } from 'zod';
import { computeBodyHash, type HashField } from '../codec/bodyHash.js';
import { type Issue, parseSynapseBase } from './parseBase.js';
import { SYNAPSE_TYPE, type Synapse, type SynapseBase, synapseBaseSchema } from './synapse.js';
import { emptyTerminal } from './terminalInfo.js';
import { emptyInstanceJson, isRequiredField, numberKind } from './zodIntrospect.js';

export interface SynapseOptions<F extends object, D> {
  /** Fields whose Python str() goes into the body hash (§1.5), in order. Empty ⇒ constant hash. */
  requiredHashFields?: readonly (keyof F & string)[];
  /** Largest request body the axon accepts for this synapse (413 above). Default 4 MiB. */
  maxBodyBytes?: number;
  /** Default request timeout in seconds (the dendrite's `timeout` option wins). Default 12. */
  timeoutS?: number;
  /** What `query(..., { deserialize: true })` returns for a response (SDK `deserialize()`). */
  deserialize?: (synapse: Synapse<F>) => D;
  /** Streaming synapses (§1.10): the final fields, from the whole streamed body. */
  fromStream?: (body: Uint8Array, synapse: Synapse<F>) => Partial<F>;
}

export interface SynapseDef<F extends object = Record<string, unknown>, D = Synapse<F>> {
  /** Python class name: the URL path segment and the `name` header. */
  readonly name: string;
  readonly fieldsSchema: z.ZodType<F>;
  readonly hashFields: readonly HashField[];
  /** `bt_header_input_obj_<field>` values for every required field. */
  readonly inputObjHeaders: Readonly<Record<string, string>>;
  readonly maxBodyBytes: number;
  readonly timeoutS: number;
  readonly deserialize: (synapse: Synapse<F>) => D;
  readonly fromStream: ((body: Uint8Array, synapse: Synapse<F>) => Partial<F>) | undefined;
  /** A fresh synapse with these field values (validated; throws a ZodError when invalid). */
  create(fields: z.input<z.ZodType<F>>): Synapse<F>;
  /** Validates a parsed JSON body; unknown keys are dropped like pydantic does. */
  parse(body: unknown): ParseResult<Synapse<F>>;
  bodyHash(synapse: Synapse<F>): string;
}

export type ParseResult<T> =
  | { success: true; data: T }
  | { success: false; error: { issues: readonly Issue[] } };

export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Declares a synapse type, the TS twin of a `bt.Synapse` subclass. `name` must equal the Python
 * class name; `fields` is a zod object of the subclass fields (defaults ⇔ pydantic defaults).
 */
export function defineSynapse<S extends z.ZodRawShape, D = Synapse<z.output<z.ZodObject<S>>>>(
  name: string,
  fields: z.ZodObject<S>,
  options: SynapseOptions<z.output<z.ZodObject<S>>, D> = {},
): SynapseDef<z.output<z.ZodObject<S>>, D> {
  type F = z.output<z.ZodObject<S>>;
  if (!NAME.test(name)) throw new TypeError(`synapse name must be a Python class name, got '${name}'`);
  const shape = fields.shape as unknown as Record<string, z.ZodType>;
  for (const k of Object.keys(shape)) {
    if (k in synapseBaseSchema.shape) throw new TypeError(`field '${k}' clashes with a base Synapse field`);
  }
  const hashFields: HashField[] = (options.requiredHashFields ?? []).map((f) => {
    const schema = shape[f];
    if (schema === undefined) throw new TypeError(`required hash field '${f}' is not a field of ${name}`);
    return { name: f, kind: numberKind(schema) };
  });
  const inputObjHeaders: Record<string, string> = {};
  for (const [k, schema] of Object.entries(shape)) {
    if (isRequiredField(schema)) {
      inputObjHeaders[`bt_header_input_obj_${k}`] = Buffer.from(emptyInstanceJson(schema)).toString('base64');
    }
  }
  const timeoutS = options.timeoutS ?? 12;
  const deserialize = options.deserialize ?? ((s: Synapse<F>) => s as unknown as D);

  const def: SynapseDef<F, D> = {
    name,
    fieldsSchema: fields as unknown as z.ZodType<F>,
    hashFields,
    inputObjHeaders,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    timeoutS,
    deserialize,
    fromStream: options.fromStream,
    create(values) {
      const parsed = fields.parse(values) as F;
      const base: SynapseBase = {
        name,
        timeout: timeoutS,
        total_size: 0,
        header_size: 0,
        dendrite: emptyTerminal(),
        axon: emptyTerminal(),
        computed_body_hash: '',
      };
      return { ...base, ...parsed, [SYNAPSE_TYPE]: def } as Synapse<F>;
    },
    parse(body) {
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        return { success: false, error: { issues: [{ path: [], message: 'expected a JSON object' }] } };
      }
      const issues: Issue[] = [];
      const base = parseSynapseBase(body as Record<string, unknown>, name, issues);
      // Base fields by hand (hot path), the subnet's own fields with their zod schema.
      const own = fields.safeParse(body);
      if (!own.success) {
        for (const i of own.error.issues)
          issues.push({ path: i.path as (string | number)[], message: i.message });
      }
      if (!own.success || issues.length > 0) return { success: false, error: { issues } };
      return { success: true, data: Object.assign(base, own.data, { [SYNAPSE_TYPE]: def }) as Synapse<F> };
    },
    bodyHash(synapse) {
      return computeBodyHash(synapse as unknown as Record<string, unknown>, hashFields);
    },
  };
  return def;
}

/** The SynapseDef a synapse was made by (`def.create` / `def.parse`). */
export function synapseTypeOf<F extends object>(synapse: Synapse<F>): SynapseDef<F, unknown> {
  const def = synapse[SYNAPSE_TYPE];
  if (def === undefined) {
    throw new TypeError(`synapse '${synapse.name}' has no type: build it with its SynapseDef's create()`);
  }
  return def as SynapseDef<F, unknown>;
}
