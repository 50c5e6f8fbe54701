/**
 * `taonode metagraph | head -1`: once the reader has gone, nothing more can be said. Exit quietly
 * (with the exit code so far) instead of dying on EPIPE with a stack trace; other stream errors
 * still surface.
 */
export function exitQuietlyOnBrokenPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      process.exit(Number(process.exitCode ?? 0));
    });
  }
}
