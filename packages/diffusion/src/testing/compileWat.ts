import { readFile } from 'node:fs/promises';
import wabtInit from 'wabt';

/**
 * Compiles a WebAssembly text file with wabt (the JavaScript build of the WebAssembly Binary
 * Toolkit, a dev dependency): the build step behind the checked-in `*WasmModule.ts` files, and what
 * their sync test recompiles.
 */
export async function compileWat(path: string): Promise<Uint8Array> {
  const wabt = await wabtInit();
  const mod = wabt.parseWat(path, await readFile(path, 'utf8'), { simd: true });
  try {
    mod.resolveNames();
    mod.validate();
    return Uint8Array.from(mod.toBinary({ canonicalize_lebs: true }).buffer);
  } finally {
    mod.destroy();
  }
}

/** The TypeScript module that carries a compiled `.wat`: its bytes in base64, and where they came from. */
export function wasmModuleSource(watName: string, bytes: Uint8Array, exportName: string): string {
  const b64 = Buffer.from(bytes).toString('base64');
  return [
    `// Generated from ${watName} by scripts/wasm/generatePhiloxWasm.ts: do not edit (a test checks it).`,
    `export const ${exportName} =`,
    `  '${b64}';`,
    '',
  ].join('\n');
}
