import { HubApiError } from '@huggingface/hub';
import { HubAuthError, HubUnavailableError, RevisionNotFoundError, type Sn21Error } from '../errors.js';

function reason(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  // The client appends "URL: …. Request ID: …"; the first sentence says what failed.
  return (text.split('. URL:')[0] ?? text).slice(0, 300);
}

/**
 * A failed hub read, classified: the repo or revision is gone or private → RevisionNotFoundError
 * (penalty); the hub is down, rate limiting, or unreachable → HubUnavailableError (retry).
 */
export function hubReadError(
  err: unknown,
  target: { repo: string; revision: string },
  what: string,
): Sn21Error {
  if (err instanceof HubApiError) {
    const s = err.statusCode;
    if (s === 404 || s === 401 || s === 403 || s === 410) {
      const why =
        s === 404 || s === 410 ? `HTTP ${s}, ${reason(err)}` : `HTTP ${s}: the repo is private or gated`;
      return new RevisionNotFoundError(target.repo, target.revision, why, { cause: err });
    }
    return new HubUnavailableError(what, `HTTP ${s}, ${reason(err)}`, { cause: err, status: s });
  }
  return new HubUnavailableError(what, reason(err), { cause: err });
}

/** A failed hub write (repo creation, upload): auth problems are the user's to fix, others retry. */
export function hubWriteError(err: unknown, token: string | undefined, what: string): Sn21Error {
  const scrub = (text: string) => (token ? text.replaceAll(token, '***') : text);
  if (err instanceof HubApiError && (err.statusCode === 401 || err.statusCode === 403)) {
    return new HubAuthError(scrub(`HTTP ${err.statusCode}, ${reason(err)}`), err);
  }
  // The client refuses a malformed token before any request ("must start with 'hf_'").
  if (err instanceof TypeError && /access token/i.test(err.message)) {
    return new HubAuthError(scrub(err.message), err);
  }
  const status = err instanceof HubApiError ? err.statusCode : undefined;
  return new HubUnavailableError(what, scrub(status ? `HTTP ${status}, ${reason(err)}` : reason(err)), {
    cause: err,
    status,
  });
}
