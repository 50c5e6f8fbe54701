// `pnpm build:circuits`: compile the SN2 circuits with the WASM circom from npm and run the
// Groth16 setup, caching both by content hash under packages/sn2/.cache/circuits/.
//
//   pnpm build:circuits                                   # test set: PoW batch 16 + MLP, test ptau
//   pnpm build:circuits --batch 256,1024 --ptau <file|url> --ptau-sha256 <hex> --contribute
//   pnpm build:circuits --batch 256 --compile-only        # constraint count without a setup
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { mlpCircuit, powCircuit } from '../circuits/catalog.js';
import type { CircuitDefinition } from '../circuits/definition.js';
import { compileCircuit } from '../zk/compileCircuit.js';
import { Sn2Error } from '../zk/errors.js';
import { defaultCacheDir } from '../zk/paths.js';
import { loadPtau, type PtauSource, testPtauSource } from '../zk/ptau.js';
import { requiredPtauPower, setupGroth16, TEST_BEACON } from '../zk/setupGroth16.js';

const { values } = parseArgs({
  options: {
    batch: { type: 'string', default: '16' },
    'no-mlp': { type: 'boolean', default: false },
    ptau: { type: 'string' },
    'ptau-sha256': { type: 'string' },
    contribute: { type: 'boolean', default: false },
    'compile-only': { type: 'boolean', default: false },
    'cache-dir': { type: 'string', default: defaultCacheDir },
    export: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log(`usage: pnpm build:circuits [--batch 16,256] [--no-mlp] [--ptau <file|url> --ptau-sha256 <hex>]
       [--contribute] [--compile-only] [--cache-dir <dir>] [--export <keys dir>]
Without --ptau the test file ../shared/zk/test-pot16_final.ptau (or $TAONODE_ZK_PTAU) is used with a
public beacon: those keys are for tests only. --contribute makes a secret random phase-2 contribution.
--export copies each circuit's circuit.zkey and verification_key.json to <keys dir>/<circuit>/, the
layout the daemons read with --neuron.keys_dir.`);
  process.exit(0);
}

async function main(): Promise<number> {
  if (values.ptau && !values['ptau-sha256']) {
    console.error('--ptau needs --ptau-sha256 <hex> so the file can be checked');
    return 2;
  }
  const source: PtauSource = values.ptau
    ? { location: values.ptau, sha256: values['ptau-sha256']! }
    : testPtauSource();
  const batches = values.batch.split(',').map((b) => Number.parseInt(b.trim(), 10));
  if (batches.some((b) => !Number.isInteger(b) || b < 1)) {
    console.error(`--batch takes positive integers: ${values.batch}`);
    return 2;
  }
  const defs: CircuitDefinition[] = batches.map(powCircuit);
  if (!values['no-mlp']) defs.push(mlpCircuit());
  const cacheDir = values['cache-dir'];
  let failed = 0;
  for (const def of defs) {
    const started = Date.now();
    try {
      const compiled = await compileCircuit(def, { cacheDir });
      const report: Record<string, unknown> = {
        circuit: def.name,
        constraints: compiled.header.constraints,
        wires: compiled.header.wires,
        publicSignals: compiled.header.outputs + compiled.header.publicInputs,
        ptauPowerNeeded: requiredPtauPower(compiled),
        r1cs: compiled.r1csPath,
        wasm: compiled.wasmPath,
      };
      if (!values['compile-only']) {
        const ptau = await loadPtau(source, cacheDir);
        const keys = await setupGroth16(compiled, ptau, values.contribute ? { kind: 'random' } : TEST_BEACON);
        Object.assign(report, { id: keys.id, zkey: keys.zkeyPath, verificationKey: keys.vkPath });
        if (values.export) {
          const dir = join(values.export, def.name);
          mkdirSync(dir, { recursive: true });
          copyFileSync(keys.zkeyPath, join(dir, 'circuit.zkey'));
          copyFileSync(keys.vkPath, join(dir, 'verification_key.json'));
          report.exportedTo = dir;
        }
      }
      report.seconds = (Date.now() - started) / 1000;
      console.log(JSON.stringify(report));
    } catch (err) {
      failed++;
      const details = err instanceof Sn2Error ? ` ${JSON.stringify(err.details)}` : '';
      console.error(`${def.name}: ${err instanceof Error ? err.message : String(err)}${details}`);
    }
  }
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
