import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findRepoRoot } from '@taonode/kit';
import { z } from 'zod';
import type { Role } from '../config/neuronConfig.js';

const appSchema = z.strictObject({
  /** pm2 app name, hotkey name in the ecosystem, `apps/<app>/` and `config/<app>.json`. */
  app: z.string().regex(/^[a-z0-9-]+$/),
  axonPort: z.number().int().min(1).max(65535).optional(),
  metricsPort: z.number().int().min(1).max(65535),
});

const scriptSchema = z
  .string()
  .regex(/^[\w./-]+\/src\/[\w./-]+\.ts$/, 'a source path like packages/x/src/y.ts');

const demoSchema = z.strictObject({
  miner: z.array(z.string()),
  validator: z.array(z.string()),
  /** Miner i (1-based) gets `flag (i − 1) × step`, so the miners' scores differ. */
  staggerMiners: z.strictObject({ flag: z.string(), step: z.number().int().min(0) }).optional(),
  /** Only the first N miners are expected to earn weight; the others cheat on purpose (their stagger flag). */
  honestMiners: z.number().int().min(0).optional(),
  /** A one-off job before the subnet's daemons start (e.g. building circuits once). */
  prepare: z.strictObject({ script: scriptSchema, args: z.array(z.string()) }).optional(),
});

const entrySchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+$/),
  title: z.string().min(1),
  /** Mainnet netuid (the ecosystem's default; `TAONODE_PM2_NETUID_<ID>` overrides). */
  netuid: z.number().int().min(0).max(65535).optional(),
  /** false: the apps exist but say "not implemented yet" and exit 78. */
  implemented: z.boolean(),
  miner: appSchema.optional(),
  validator: appSchema.optional(),
  /** One script for both roles (`--role`), for a subnet without apps (the built-in test subnet). */
  script: scriptSchema.optional(),
  demo: demoSchema.optional(),
});

export const subnetRegistrySchema = z.strictObject({
  $comment: z.string().optional(),
  subnets: z.array(entrySchema),
});

export type SubnetRegistry = z.infer<typeof subnetRegistrySchema>;
export type SubnetEntry = z.infer<typeof entrySchema>;
export type RegistryApp = z.infer<typeof appSchema>;

/** `config/subnets.json` of the checkout, checked. */
export function loadSubnetRegistry(
  root: string | undefined = findRepoRoot(),
): SubnetRegistry & { root: string } {
  if (root === undefined)
    throw new Error('cannot find the checkout (pnpm-workspace.yaml) for config/subnets.json');
  const file = join(root, 'config', 'subnets.json');
  const parsed = subnetRegistrySchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${file}: ${issue.path.join('.')}: ${issue.message}`);
  }
  return { ...parsed.data, root };
}

/** How to start a script of the registry: from dist/ when built (and not `fromSource`), else src/ through tsx. */
export function registryScript(
  root: string,
  source: string,
  fromSource = false,
): { script: string; execArgv: string[] } {
  const built = join(root, source.replace('/src/', '/dist/').replace(/\.ts$/, '.js'));
  if (!fromSource && existsSync(built)) return { script: built, execArgv: [] };
  return { script: join(root, source), execArgv: ['--conditions=@taonode/source', '--import', 'tsx'] };
}

/**
 * How to start one role of a subnet: its app's main (`apps/<app>/src/main.ts`), or the subnet's
 * one script with `--role` when it has no apps.
 */
export function roleLaunch(
  registry: { root: string },
  entry: SubnetEntry,
  role: Role,
  fromSource = false,
): { script: string; execArgv: string[]; args: string[] } {
  const app = entry[role];
  if (app) return { ...registryScript(registry.root, `apps/${app.app}/src/main.ts`, fromSource), args: [] };
  if (entry.script)
    return { ...registryScript(registry.root, entry.script, fromSource), args: ['--role', role] };
  throw new Error(`subnet ${entry.id} has no ${role} app or script in config/subnets.json`);
}

/** `{cacheDir}` in demo flags and scripts: the checkout's git-ignored `.cache` folder. */
export function expandRegistryArgs(args: readonly string[], root: string): string[] {
  return args.map((a) => a.replaceAll('{cacheDir}', join(root, '.cache')));
}

/** `roleLaunch` for a subnet named by id, from source (tests run the sources through tsx). */
export function subnetLaunch(
  id: string,
  fromSource = true,
): (role: Role) => { script: string; execArgv: string[]; args: string[] } {
  const registry = loadSubnetRegistry();
  const entry = registry.subnets.find((s) => s.id === id);
  if (!entry) throw new Error(`no subnet '${id}' in config/subnets.json`);
  return (role) => roleLaunch(registry, entry, role, fromSource);
}
