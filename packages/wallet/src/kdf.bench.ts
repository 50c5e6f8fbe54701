// One real decrypt of an encrypted coldkey (Argon2i, 512 MiB): native @node-rs/argon2 (default)
// vs the libsodium WASM fallback. Wall time and the process's peak RSS.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBenchResult } from '@taonode/bench';
import { argon2iKdf, sodiumArgon2iKdf } from './kdf.js';
import { readKeyfile, writeKeyfile } from './keyfile.js';
import { Keypair } from './keypair.js';
import { testKdf, V2_PASSWORD } from './testing/testKdf.js';

const dir = await mkdtemp(join(tmpdir(), 'taonode-kdf-bench-'));
const file = join(dir, 'coldkey');
try {
  // testKdf maps V2's password to its real Argon2i key, so this is a genuine btcli-readable file.
  await writeKeyfile(file, Keypair.fromUri('//Alice'), {
    password: V2_PASSWORD,
    overwrite: true,
    kdf: testKdf,
  });
  const time = async (kdf: typeof argon2iKdf) => {
    const start = performance.now();
    await readKeyfile(file, { password: V2_PASSWORD, kdf });
    return Number(((performance.now() - start) / 1000).toFixed(2));
  };
  const nativeDecryptSeconds = await time(argon2iKdf);
  const sodiumDecryptSeconds = await time(sodiumArgon2iKdf);
  writeBenchResult('wallet-kdf', {
    params: 'Argon2i v1.3, ops 8, mem 512 MiB, p 1',
    nativeDecryptSeconds,
    sodiumDecryptSeconds,
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  });
} finally {
  await rm(dir, { recursive: true, force: true });
}
