import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';

/** sha256 of a file, streamed (model files reach gigabytes). */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Git's blob id (sha1 of "blob <size>\0" + content): the only hash the hub reports for files
 * that are not stored in LFS, so small files (configs, vocabularies) can be checked too.
 */
export async function gitBlobSha1File(file: string): Promise<string> {
  const { size } = await stat(file);
  const hash = createHash('sha1');
  hash.update(`blob ${size}\0`);
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
