import { Command } from 'commander';
import { CommandLineError, reportCommandLineError, throwCommandLineErrors } from '../../../io/index.js';
import type { CliResult } from '../../../testing/runCli.js';
import { registerWalletCommands } from '../index.js';

/**
 * Runs `taonode wallet …` inside the test process (no child process, no tsx start-up): stdout,
 * stderr and the exit code are captured exactly as the real CLI would produce them. For inputs
 * that need stdin or a real process exit, use runCli.
 */
export async function runWalletInProcess(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  const program = new Command('taonode');
  registerWalletCommands(program);
  throwCommandLineErrors(program);
  let stdout = '';
  let stderr = '';
  const realOut = process.stdout.write;
  const realErr = process.stderr.write;
  const savedEnv: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(env)) {
    savedEnv[k] = process.env[k];
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  }) as typeof process.stderr.write;
  process.exitCode = undefined;
  let code = 0;
  try {
    try {
      await program.parseAsync(['node', 'taonode', 'wallet', ...args]);
    } catch (err) {
      if (!(err instanceof CommandLineError)) throw err;
      reportCommandLineError(err, { json: args.includes('--json'), argv: ['wallet', ...args] });
    }
    code = typeof process.exitCode === 'number' ? process.exitCode : 0;
  } finally {
    process.stdout.write = realOut;
    process.stderr.write = realErr;
    process.exitCode = undefined;
    for (const [k, v] of Object.entries(savedEnv)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
  return { code, stdout, stderr };
}
