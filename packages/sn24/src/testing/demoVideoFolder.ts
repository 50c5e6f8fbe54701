import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '@taonode/kit';
import type { Ffmpeg } from '@taonode/media';
import { makeTestVideo } from '@taonode/media/testing';

const TOPICS = [
  'Advances in nanotechnology',
  'Cooking pasta at home',
  'Deep sea creatures',
  'Electric guitar lessons',
  'Mountain biking trails',
  'History of ancient Rome',
  'Solar panel installation',
  'Training a puppy',
];
// Alternating moving test pattern and solid colours, each with its own tone, so every video has
// distinct vision and audio embeddings.
const COLORS = [undefined, '0xcc2211', undefined, '0x1144cc', undefined, '0x22aa44', undefined, '0xdddd22'];

export interface DemoVideoFolderOptions {
  count?: number;
  /** Seconds per video (default 8; the miner keeps clips of 5–120 s). */
  durationS?: number;
  width?: number;
  height?: number;
}

/**
 * Fills `dir` with generated videos (ffmpeg testsrc/colour + sine) and JSON sidecars with a topic
 * title and description, the layout `localFolderSource` reads. Returns the video paths.
 */
export async function makeDemoVideoFolder(
  ff: Ffmpeg,
  dir: string,
  options: DemoVideoFolderOptions = {},
): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  for (let i = 0; i < (options.count ?? 4); i++) {
    const topic = TOPICS[i % TOPICS.length] as string;
    const name = `demo-${String(i).padStart(2, '0')}`;
    files.push(
      await makeTestVideo(ff, dir, {
        durationS: options.durationS ?? 8,
        width: options.width ?? 320,
        height: options.height ?? 240,
        fps: 15,
        toneHz: 220 * (i + 1),
        color: COLORS[i % COLORS.length],
        name: `${name}.mp4`,
      }),
    );
    await writeFileAtomic(
      join(dir, `${name}.json`),
      JSON.stringify({
        title: `${topic} (demo ${i})`,
        description: `A generated demo clip about ${topic.toLowerCase()}.`,
        views: 100 * (i + 1),
      }),
    );
  }
  return files;
}
