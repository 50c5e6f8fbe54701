import { createHash } from 'node:crypto';
import { YOUTUBE_ID_LENGTH } from '../constants.js';

const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;

/** True for strings shaped like a YouTube id (11 characters of base64url). */
export function isYoutubeLikeId(id: string): boolean {
  return YOUTUBE_ID.test(id);
}

/** A stable YouTube-shaped id for a name: the first 11 base64url characters of its sha256. */
export function stableVideoId(name: string): string {
  return createHash('sha256').update(name).digest('base64url').slice(0, YOUTUBE_ID_LENGTH);
}
