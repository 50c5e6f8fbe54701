import { z } from 'zod';

export const RANGES = { '1h': 3_600_000, '6h': 21_600_000, '24h': 86_400_000, '7d': 604_800_000 } as const;
export type RangeName = keyof typeof RANGES | 'all';

const range = z.enum(['1h', '6h', '24h', '7d', 'all']);
const intParam = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,7}$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));
const uidList = z
  .string()
  .max(2_000)
  .regex(/^\d{1,5}(,\d{1,5})*$/, 'must be comma-separated uids')
  .transform((s) => [...new Set(s.split(',').map(Number))])
  .pipe(z.array(z.number().int().min(0).max(65_535)).max(256));

/** Query parameters per JSON route; `.strict()` so an unknown parameter is a 400, not silently ignored. */
export const routeParams = {
  overview: z.object({}).strict(),
  miners: z.object({}).strict(),
  history: z
    .object({ range: range.default('24h'), points: intParam(2, 1000).default(240), uids: uidList.optional() })
    .strict(),
  weights: z.object({ range: range.default('7d'), limit: intParam(1, 1000).default(200) }).strict(),
  requests: z.object({ range: range.default('1h') }).strict(),
  figures: z.object({ range: range.default('24h'), points: intParam(2, 1000).default(240) }).strict(),
  events: z.object({}).strict(),
} as const;

export type RouteName = keyof typeof routeParams;

export function isRouteName(name: string): name is RouteName {
  return Object.hasOwn(routeParams, name);
}

export type ParamsResult = { ok: true; params: Record<string, unknown> } | { ok: false; message: string };

/** Parses a route's query string; a repeated parameter or one the route does not know is an error. */
export function parseParams(route: RouteName, search: URLSearchParams): ParamsResult {
  const raw: Record<string, string> = {};
  for (const [key, value] of search) {
    if (Object.hasOwn(raw, key))
      return { ok: false, message: `query parameter '${key.slice(0, 40)}' given twice` };
    raw[key] = value;
  }
  const parsed = routeParams[route].safeParse(raw);
  if (parsed.success) return { ok: true, params: parsed.data as Record<string, unknown> };
  const issue = parsed.error.issues[0]!;
  const where = issue.path.length > 0 ? `'${String(issue.path[0]).slice(0, 40)}'` : 'query';
  const message =
    issue.code === 'unrecognized_keys'
      ? `unknown query parameter '${String(issue.keys[0]).slice(0, 40)}'`
      : `${where}: ${issue.message}`;
  return { ok: false, message };
}
