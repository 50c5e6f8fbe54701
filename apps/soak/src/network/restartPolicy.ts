import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';

/** The pm2 settings that decide how a crashed daemon comes back. */
const policySchema = z.object({
  kill_timeout: z.number().int().positive(),
  stop_exit_codes: z.array(z.number().int()),
  max_restarts: z.number().int().positive(),
  min_uptime: z.number().int().nonnegative(),
});
export type RestartPolicy = z.infer<typeof policySchema>;

/**
 * The restart policy operators get from the repo's ecosystem.config.js (its first app's), so the
 * soak's daemons come back from a kill -9 exactly as theirs would.
 */
export async function restartPolicy(repoRoot: string): Promise<RestartPolicy> {
  const mod: unknown = await import(pathToFileURL(join(repoRoot, 'ecosystem.config.js')).href);
  const apps = z.object({ apps: z.array(z.unknown()).min(1) }).parse(mod).apps;
  return policySchema.parse(apps[0]);
}
