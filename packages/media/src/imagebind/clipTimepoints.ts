/**
 * Where ImageBind samples its clips: `clipsPerVideo` windows of `clipDurationS`, starts spread
 * evenly from 0 to duration − clipDuration (pytorchvideo's ConstantClipsPerVideoSampler as ImageBind
 * drives it). A file shorter than one window yields every window at [0, clipDuration].
 */
export function clipTimepoints(
  durationS: number,
  clipDurationS: number,
  clipsPerVideo: number,
): [number, number][] {
  const maxStart = Math.max(durationS - clipDurationS, 0);
  const step = maxStart / Math.max(clipsPerVideo - 1, 1);
  const out: [number, number][] = [];
  for (let k = 0; k < clipsPerVideo; k++) {
    const start = step * k;
    out.push([start, start + clipDurationS]);
  }
  return out;
}

/**
 * Frame indices ImageBind takes from one clip: the clip covers frames ceil(fps·start) up to (not
 * including) min(ceil(fps·end), frameCount) — pytorchvideo's decord reader — and `framesPerClip`
 * of them are picked evenly, first and last included (UniformTemporalSubsample, truncating).
 */
export function clipFrameIndices(
  startS: number,
  endS: number,
  fps: number,
  frameCount: number,
  framesPerClip: number,
): number[] {
  const first = Math.ceil(fps * startS);
  const end = Math.min(Math.ceil(fps * endS), frameCount);
  const t = end - first;
  if (t <= 0) return [];
  const out: number[] = [];
  for (let i = 0; i < framesPerClip; i++) {
    const pos = framesPerClip === 1 ? 0 : (i * (t - 1)) / (framesPerClip - 1);
    out.push(first + Math.min(Math.max(Math.trunc(pos), 0), t - 1));
  }
  return out;
}
