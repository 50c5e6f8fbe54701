import { z } from 'zod';

/**
 * One line of a history segment. Short keys: a validator writes one step line every few seconds for
 * a week, so every byte repeats ~50 000 times. Files are external data: every line is parsed with
 * these schemas on replay, and a line that does not parse is skipped.
 */
const componentValue = z.union([z.number(), z.string(), z.boolean(), z.null()]);
const uid = z.number().int().min(0).max(65_535);
const time = z.number().finite().nonnegative();

export const identityRecord = z.object({
  k: z.literal('id'),
  t: time,
  role: z.enum(['validator', 'miner']),
  subnet: z.string(),
  netuid: z.number().int().nonnegative(),
  hotkey: z.string(),
  uid: uid.nullable(),
  stake: z.number().nullable(),
  block: z.number().int().nullable(),
  version: z.string().nullable(),
});

/**
 * A step in columns: uids, rewards (null = not queried), moving scores, then the component keys
 * once, one column of values per key, and which rows have the key when not all do.
 */
export const stepRecord = z
  .object({
    k: z.literal('s'),
    t: time,
    n: z.number().int().nonnegative(),
    b: z.number().int().nullable(),
    d: z.number().nullable(),
    u: z.array(uid),
    r: z.array(z.number().nullable()),
    s: z.array(z.number()),
    c: z.array(z.string()),
    v: z.array(z.array(componentValue)),
    /** Per key: null when every miner reported it, else the rows that did (the others lack the key). */
    p: z.array(z.array(z.number().int().nonnegative()).nullable()),
  })
  .refine(
    (x) =>
      x.r.length === x.u.length &&
      x.s.length === x.u.length &&
      x.v.length === x.c.length &&
      x.p.length === x.c.length &&
      x.v.every((col) => col.length === x.u.length),
    'step columns differ in length',
  );

export const hotkeyRecord = z.object({ k: z.literal('hk'), t: time, u: uid, h: z.string() });

export const weightsRecord = z.object({
  k: z.literal('w'),
  t: time,
  b: z.number().int().nonnegative(),
  e: z.number().int().nullable(),
  mode: z.enum(['direct', 'commit', 'timelocked']),
  u: z.array(uid),
  w: z.array(z.number()),
});

/** Requests of one (caller, synapse) in one minute since the last flush: a delta, added on replay. */
export const requestsRecord = z.object({
  k: z.literal('r'),
  t: time,
  c: z.string(),
  s: z.string(),
  ok: z.number().int().nonnegative(),
  bl: z.number().int().nonnegative(),
  f: z.number().int().nonnegative(),
  h: z.array(z.tuple([z.number().int().nonnegative(), z.number().int().positive()])),
});

export const figuresRecord = z.object({
  k: z.literal('f'),
  t: time,
  v: z.array(z.tuple([z.string(), componentValue])),
});

export const historyRecord = z.discriminatedUnion('k', [
  identityRecord,
  stepRecord,
  hotkeyRecord,
  weightsRecord,
  requestsRecord,
  figuresRecord,
]);

export type HistoryRecord = z.infer<typeof historyRecord>;
export type IdentityRecord = z.infer<typeof identityRecord>;
export type StepRecord = z.infer<typeof stepRecord>;
export type WeightsRecordLine = z.infer<typeof weightsRecord>;
export type RequestsRecord = z.infer<typeof requestsRecord>;
