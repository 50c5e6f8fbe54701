import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT_CONFIG, type Logger, NeuronExit, type Role } from '@taonode/neuron';
import { mlpCircuit, powCircuit } from '../circuits/catalog.js';
import type { CircuitDefinition } from '../circuits/definition.js';
import { buildCircuit, type CircuitArtifacts } from '../zk/buildCircuit.js';
import { compileCircuit } from '../zk/compileCircuit.js';
import { Sn2Error } from '../zk/errors.js';
import { defaultCacheDir } from '../zk/paths.js';
import { type PtauSource, TEST_PTAU_SHA256, testPtauSource } from '../zk/ptau.js';
import { circuitIdOf } from '../zk/setupGroth16.js';
import type { Sn2Options } from './sn2Options.js';

/** The options circuits are loaded from. */
export type CircuitOptions = Pick<Sn2Options, 'circuits' | 'ptau' | 'ptauSha256' | 'keysDir' | 'zkCacheDir'>;

export class CircuitListError extends Sn2Error {
  override name = 'CircuitListError';
}

/** `pow-16,mlp` → circuit definitions; an unknown or repeated name is refused with the valid forms. */
export function parseCircuitList(list: string): CircuitDefinition[] {
  const names = list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.length === 0) throw new CircuitListError('--neuron.circuits is empty; e.g. pow-16,mlp');
  if (new Set(names).size !== names.length) {
    throw new CircuitListError(`--neuron.circuits lists a circuit twice: ${list}`);
  }
  return names.map((name) => {
    if (name === 'mlp') return mlpCircuit();
    const m = /^pow-(\d{1,4})$/.exec(name);
    const batch = m ? Number(m[1]) : 0;
    if (batch >= 1 && batch <= 1024) return powCircuit(batch);
    throw new CircuitListError(
      `unknown circuit '${name}' in --neuron.circuits; use pow-<batch> (1..1024) or mlp`,
    );
  });
}

/** The ptau of the Groth16 setup: the operator's pinned file, else the shared test file. */
export function ptauFromOptions(options: Pick<Sn2Options, 'ptau' | 'ptauSha256'>): PtauSource {
  const location = options.ptau;
  const sha = options.ptauSha256;
  if (!location) return testPtauSource();
  if (!sha || !/^[0-9a-f]{64}$/i.test(sha)) {
    throw new CircuitListError(
      '--neuron.ptau needs --neuron.ptau_sha256 <64 hex> so the file can be checked',
    );
  }
  return { location, sha256: sha };
}

/**
 * The circuit flags option types cannot check (the list, ptau with its sha256), for the runtime's
 * start-up check: a typo fails in a second as a usage error, not after chain start-up.
 */
export function circuitFlagProblem(options: CircuitOptions): string | undefined {
  try {
    parseCircuitList(options.circuits);
    ptauFromOptions(options);
    return undefined;
  } catch (err) {
    // Anything else (no workspace for the test ptau) is loadCircuits' to report.
    return err instanceof CircuitListError ? err.message : undefined;
  }
}

/**
 * A circuit whose keys were made elsewhere (`pnpm build:circuits --export`): compiled here for the
 * witness generator (deterministic, so it matches the published zkey), keys read from `keysDir`.
 */
async function publishedCircuit(
  def: CircuitDefinition,
  keysDir: string,
  needZkey: boolean,
  cacheDir: string,
): Promise<CircuitArtifacts> {
  const dir = join(keysDir, def.name);
  const vkPath = join(dir, 'verification_key.json');
  const zkeyPath = join(dir, 'circuit.zkey');
  for (const [path, needed] of [
    [vkPath, true],
    [zkeyPath, needZkey],
  ] as const) {
    if (needed && !existsSync(path)) {
      throw new CircuitListError(`missing ${path}; copy the published keys of ${def.name} there`, { path });
    }
  }
  const compiled = await compileCircuit(def, { cacheDir });
  const vkJson = readFileSync(vkPath, 'utf8');
  return {
    definition: def,
    compiled,
    wasmPath: compiled.wasmPath,
    r1csPath: compiled.r1csPath,
    zkeyPath,
    vkPath,
    vkJson,
    id: circuitIdOf(vkJson),
  };
}

/**
 * Compiles and sets up every configured circuit, reusing the cache (content-addressed, so a
 * fresh clone builds them once, later starts take a second). Miner and validator derive the same
 * keys from the same ptau, so their circuit ids agree.
 */
export async function loadCircuits(
  options: CircuitOptions,
  role: Role,
  logger: Logger,
): Promise<CircuitArtifacts[]> {
  try {
    return await buildConfigured(options, role, logger);
  } catch (err) {
    // A bad list, a missing or wrong ptau, a circuit too big for it: restarting cannot help.
    if (err instanceof Sn2Error) throw new NeuronExit(`SN2 circuits: ${err.message}`, EXIT_CONFIG);
    throw err;
  }
}

async function buildConfigured(
  options: CircuitOptions,
  role: Role,
  logger: Logger,
): Promise<CircuitArtifacts[]> {
  const defs = parseCircuitList(options.circuits);
  const ptau = ptauFromOptions(options);
  if (ptau.sha256 === TEST_PTAU_SHA256 && !options.keysDir) {
    logger.warn(
      'SN2 keys come from the public test ptau and beacon: fine locally, forgeable on a real network',
    );
  }
  const cacheDir = options.zkCacheDir ?? defaultCacheDir;
  const keysDir = options.keysDir;
  const out: CircuitArtifacts[] = [];
  for (const def of defs) {
    const started = Date.now();
    const art = keysDir
      ? await publishedCircuit(def, keysDir, role === 'miner', cacheDir)
      : await buildCircuit(def, { ptau, cacheDir });
    logger.info(
      {
        circuit: def.name,
        id: art.id,
        constraints: art.compiled.header.constraints,
        seconds: (Date.now() - started) / 1000,
      },
      'SN2 circuit ready',
    );
    out.push(art);
  }
  return out;
}
