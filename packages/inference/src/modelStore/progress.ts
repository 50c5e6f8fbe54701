/** One progress report while a model file downloads. `total` is 0 when the size is unknown. */
export interface DownloadProgress {
  file: string;
  loaded: number;
  total: number;
}

export type ProgressListener = (progress: DownloadProgress) => void;

function mb(bytes: number): string {
  return (bytes / 1e6).toFixed(1);
}

/**
 * A progress indicator for downloads: a redrawn bar on a terminal, and on a pipe or log file
 * one plain line per 10 % so logs stay readable.
 */
export function progressBar(
  stream: NodeJS.WritableStream & { isTTY?: boolean } = process.stderr,
  now: () => number = Date.now,
): ProgressListener {
  const started = new Map<string, number>();
  const lastStep = new Map<string, number>();
  let lastDraw = 0;
  return ({ file, loaded, total }) => {
    if (!started.has(file)) started.set(file, now());
    const elapsed = Math.max(1, now() - (started.get(file) ?? now())) / 1000;
    const rate = `${mb(loaded / elapsed)} MB/s`;
    const done = total > 0 && loaded >= total;
    const pct = total > 0 ? Math.min(100, Math.floor((loaded / total) * 100)) : 0;
    if (stream.isTTY) {
      if (!done && now() - lastDraw < 100) return;
      lastDraw = now();
      const width = 30;
      const filled = Math.round((pct / 100) * width);
      const bar = total > 0 ? `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${pct}%` : '[?]';
      stream.write(
        `\r${file} ${bar} ${mb(loaded)}/${total > 0 ? mb(total) : '?'} MB ${rate}${done ? '\n' : ''}`,
      );
      return;
    }
    const step = Math.floor(pct / 10);
    if (!done && step === lastStep.get(file)) return;
    lastStep.set(file, step);
    stream.write(
      `download ${file}: ${total > 0 ? `${pct}% ` : ''}${mb(loaded)}/${total > 0 ? mb(total) : '?'} MB ${rate}\n`,
    );
  };
}
