/** One video a source can hand to a miner (or re-fetch for a validator's spot check). */
export interface VideoCandidate {
  /** 11 code points, as a YouTube id (spec §5.2 step 3 punishes anything else). */
  video_id: string;
  title: string;
  description: string;
  views: number;
  durationS: number;
}

/**
 * Where SN24 videos come from: yt-dlp (YouTube search + download) when it is installed, a local
 * folder of videos as the embedded default. Miners search and download; validators download the
 * same [start, end] again to spot-check embeddings.
 */
export interface VideoSource {
  readonly kind: string;
  search(query: string, limit: number): Promise<VideoCandidate[]>;
  /**
   * Writes [startS, endS] of the video to a new file under `dir` and returns its path. Throws
   * `SpotCheckDownloadError` (from ../scoring/spotCheck.js) with the kind the spec's message
   * classification gives when the video cannot be fetched.
   */
  downloadClip(videoId: string, range: { startS: number; endS: number }, dir: string): Promise<string>;
}
