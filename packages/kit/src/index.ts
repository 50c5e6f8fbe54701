// @taonode/kit: the floor every package may stand on. It imports nothing of ours.
export { mapLimit } from './async/mapLimit.js';
export { type BackoffOptions, backoffDelay, type RetryOptions, retry } from './async/retry.js';
export { sleep } from './async/sleep.js';
export { TimeoutError, withTimeout } from './async/withTimeout.js';
export {
  CodedError,
  errorMessage,
  TaonodeError,
  type TaonodeErrorOptions,
  walkCauses,
} from './errors/taonodeError.js';
export { DIR_MODE, ensureDir, FILE_MODE, FileExistsError, writeFileAtomic } from './fs/atomicWrite.js';
export { expandHome, findRepoRoot } from './fs/paths.js';
export { type ProcessResult, runProcess } from './process/runProcess.js';
