import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export interface Asset {
  body: Buffer;
  /** gzip of the body, for text files worth compressing. */
  gz?: Buffer;
  type: string;
  etag: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** The page's folder: `assets/` beside `src/` and `dist/` in the package. */
export const ASSETS_DIR = fileURLToPath(new URL('../../assets/', import.meta.url));

/**
 * Every file the page may load, read once into memory: the page's own files and uPlot from its npm
 * package (no CDN). Serving only names in this map is the whole path-traversal defence.
 */
export async function loadAssets(dir: string = ASSETS_DIR): Promise<Map<string, Asset>> {
  const files = new Map<string, string>();
  for (const name of await readdir(dir)) if (TYPES[extname(name)]) files.set(name, join(dir, name));
  const require = createRequire(import.meta.url);
  files.set('vendor/uPlot.esm.js', require.resolve('uplot/dist/uPlot.esm.js'));
  files.set('vendor/uPlot.min.css', require.resolve('uplot/dist/uPlot.min.css'));
  const assets = new Map<string, Asset>();
  for (const [name, path] of files) {
    const body = await readFile(path);
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
    const gz = body.length >= 1024 && !name.endsWith('.png') ? gzipSync(body, { level: 9 }) : undefined;
    assets.set(name, { body, gz, type: TYPES[extname(name)]!, etag });
  }
  return assets;
}
