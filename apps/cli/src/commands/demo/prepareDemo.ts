import { spawn } from 'node:child_process';
import { findRepoRoot } from '@taonode/kit';
import type { DemoSubnet } from './demoSubnets.js';

/**
 * `taonode demo --prepare-only`: each chosen subnet's one-off step (SN2's small test circuits,
 * SN24's tiny models and generated videos), output passed through, then exit. The same inputs a
 * demo uses, made ready for daemons an operator starts under pm2 on a local chain. Returns the exit
 * code: 0 when every step succeeded.
 */
export async function prepareDemo(
  subnets: readonly DemoSubnet[],
  out: (line: string) => void,
): Promise<number> {
  const root = findRepoRoot() ?? process.cwd();
  const jobs = subnets.flatMap((def) => {
    const job = def.prepare?.();
    return job === undefined ? [] : [{ id: def.id, job }];
  });
  const codes = await Promise.all(
    jobs.map(
      ({ id, job }) =>
        new Promise<number>((resolve) => {
          out(`${id}: preparing…`);
          const child = spawn(process.execPath, [...job.execArgv, job.script, ...job.args], {
            cwd: root,
            stdio: ['ignore', 'inherit', 'inherit'],
          });
          child.on('error', () => resolve(70));
          child.on('close', (code) => {
            out(`${id}: ${code === 0 ? 'ready' : `preparation failed (exit ${code})`}`);
            resolve(code ?? 70);
          });
        }),
    ),
  );
  return codes.find((c) => c !== 0) ?? 0;
}
