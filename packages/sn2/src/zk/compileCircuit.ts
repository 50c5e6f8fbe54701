import { createHash } from 'node:crypto';
import {
  cpSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { runProcess } from '@taonode/kit';
import { type CircuitDefinition, mainSource } from '../circuits/definition.js';
import { buildDirOnce } from './atomicDir.js';
import { type R1csHeader, readR1csHeader } from './binHeaders.js';
import { CircuitBuildError } from './errors.js';
import { circuitsDir, defaultCacheDir } from './paths.js';

const require = createRequire(import.meta.url);

export interface CompiledCircuit {
  definition: CircuitDefinition;
  /** Cache folder of this compilation, named by the content hash of everything that went in. */
  dir: string;
  r1csPath: string;
  wasmPath: string;
  header: R1csHeader;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((e) => {
      const p = join(dir, e);
      return statSync(p).isDirectory() ? filesUnder(p) : [p];
    })
    .sort();
}

function circomlibDir(): string {
  return join(dirname(require.resolve('circomlib/package.json')), 'circuits');
}

/** Content hash of the compiler, circomlib, our sources and the generated main file. */
export function compileKey(def: CircuitDefinition): string {
  const h = createHash('sha256');
  h.update(readFileSync(require.resolve('circom2/package.json')));
  h.update(readFileSync(require.resolve('circomlib/package.json')));
  for (const f of filesUnder(circuitsDir)) {
    h.update(relative(circuitsDir, f));
    h.update(readFileSync(f));
  }
  h.update(mainSource(def));
  return h.digest('hex');
}

/** Compiles a circuit with the WASM circom from npm, once per content hash. */
export async function compileCircuit(
  def: CircuitDefinition,
  opts: { cacheDir?: string } = {},
): Promise<CompiledCircuit> {
  const key = compileKey(def);
  const dir = join(opts.cacheDir ?? defaultCacheDir, `${def.name}-${key.slice(0, 16)}`);
  await buildDirOnce(dir, async (tmp) => {
    // circom runs under WASI and cannot follow pnpm's symlinks, so give it real copies.
    const src = join(tmp, 'src');
    cpSync(circuitsDir, src, { recursive: true, dereference: true });
    cpSync(circomlibDir(), join(src, 'include', 'circomlib', 'circuits'), {
      recursive: true,
      dereference: true,
    });
    writeFileSync(join(src, 'main.circom'), mainSource(def));
    mkdirSync(join(src, 'out'));
    await runCircom(src, ['main.circom', '--r1cs', '--wasm', '--O2', '-o', 'out', '-l', 'include']);
    renameSync(join(src, 'out', 'main.r1cs'), join(tmp, 'circuit.r1cs'));
    renameSync(join(src, 'out', 'main_js', 'main.wasm'), join(tmp, 'circuit.wasm'));
    writeFileSync(join(tmp, 'main.circom'), mainSource(def));
    rmSync(src, { recursive: true, force: true });
  });
  const r1csPath = join(dir, 'circuit.r1cs');
  return {
    definition: def,
    dir,
    r1csPath,
    wasmPath: join(dir, 'circuit.wasm'),
    header: readR1csHeader(r1csPath),
  };
}

async function runCircom(cwd: string, args: string[]): Promise<void> {
  const r = await runProcess(process.execPath, [require.resolve('circom2/cli.js'), ...args], { cwd });
  // biome-ignore lint/suspicious/noControlCharactersInRegex: strips circom's ANSI colours
  const clean = `${r.stdout.toString('utf8')}${r.stderr}`.replace(/\x1b\[[0-9;]*m/g, '');
  if (r.exitCode === 0 && clean.includes('Everything went okay')) return;
  const why = r.spawnError ? r.spawnError.message : `exit ${r.exitCode}`;
  throw new CircuitBuildError(`circom failed (${why})`, { output: clean.slice(-4000) });
}
