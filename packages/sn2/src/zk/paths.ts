import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root (holds `circuits/` and the `.cache/` folder), from src/ or dist/ alike. */
export const packageRoot: string = fileURLToPath(new URL('../../', import.meta.url));

/** Circom sources written for this package. */
export const circuitsDir: string = join(packageRoot, 'circuits');

/** Default cache for compiled circuits and keys (gitignored). */
export const defaultCacheDir: string = join(packageRoot, '.cache', 'circuits');
