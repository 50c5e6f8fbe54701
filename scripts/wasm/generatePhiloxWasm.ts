// Compiles packages/diffusion/src/rng/philox4x32.wat (hand-written WebAssembly text) with wabt and
// writes the bytes as base64 into philoxWasmModule.ts, so the package needs no wasm file at run time
// and no build step beyond tsc. `philoxWasm.test.ts` fails when the two drift apart.
// Usage: pnpm exec tsx --conditions=@taonode/source scripts/wasm/generatePhiloxWasm.ts
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { compileWat, wasmModuleSource } from '../../packages/diffusion/src/testing/compileWat.js';

const wat = fileURLToPath(new URL('../../packages/diffusion/src/rng/philox4x32.wat', import.meta.url));
const out = fileURLToPath(new URL('../../packages/diffusion/src/rng/philoxWasmModule.ts', import.meta.url));
const bytes = await compileWat(wat);
await writeFile(out, wasmModuleSource('philox4x32.wat', bytes, 'PHILOX_WASM_BASE64'));
console.log(`${out}: ${bytes.length} bytes of wasm`);
