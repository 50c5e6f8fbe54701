import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Ffmpeg } from '@taonode/media';
import { isVideoFileName } from '../sources/localFolderSource.js';

/**
 * `--sn24.test_videos N`: makes sure `dir` holds the N generated demo videos (ffmpeg testsrc or
 * colour + sine, 8 s, with sidecars). Miner and validator of a demo share the folder and may start
 * together, so videos are generated in a private folder and renamed into place (sidecar first):
 * a reader never sees a half-written file, and whoever finishes second just replaces equal files.
 */
export async function ensureTestVideos(ff: Ffmpeg, dir: string, count: number): Promise<void> {
  const names = Array.from({ length: count }, (_, i) => `demo-${String(i).padStart(2, '0')}`);
  if (names.every((n) => existsSync(join(dir, `${n}.mp4`)) && existsSync(join(dir, `${n}.json`)))) return;
  await mkdir(dir, { recursive: true });
  const scratch = await mkdtemp(join(dir, '.generating-'));
  try {
    const { makeDemoVideoFolder } = await import('../testing/demoVideoFolder.js');
    await makeDemoVideoFolder(ff, scratch, { count });
    for (const n of names) {
      await rename(join(scratch, `${n}.json`), join(dir, `${n}.json`));
      await rename(join(scratch, `${n}.mp4`), join(dir, `${n}.mp4`));
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** Video files directly in `dir` (what a folder source would list), for start-up logs. */
export async function countVideos(dir: string): Promise<number> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.filter(isVideoFileName).length;
}
