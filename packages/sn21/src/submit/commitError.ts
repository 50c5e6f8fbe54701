import { ChainError } from '@taonode/chain';
import { CommitmentRateLimitedError } from '../errors.js';

/** Chain refusals that mean "not now": the rate limit, or the per-epoch commitment space. */
const NOT_NOW = new Set([
  'CommitmentSetRateLimitExceeded',
  'SpaceLimitExceeded',
  'RateLimitExceeded',
  'TxRateLimitExceeded',
]);

/** The chain's commitment refusal as a clear SN21 error when it is the rate limit; others unchanged. */
export function mapCommitError(err: unknown): unknown {
  if (err instanceof ChainError && NOT_NOW.has(err.name))
    return new CommitmentRateLimitedError(err.name, err);
  return err;
}
