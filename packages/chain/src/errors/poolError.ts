import { ChainError } from './chainError.js';
import { hintFor } from './hints.js';

/**
 * SubtensorTransactionExtension rejects some calls before dispatch with `custom(N)`; the numbers map
 * to these names (spec §3.6). Where a dispatch error name exists for the same refusal we use it,
 * so callers see one name whichever path the runtime took.
 */
export const SUBTENSOR_CUSTOM_ERRORS: Readonly<Record<number, string>> = {
  0: 'ColdkeyInSwapSchedule',
  1: 'AmountTooLow',
  2: 'NotEnoughBalanceToStake',
  3: 'SubnetNotExists',
  4: 'HotKeyAccountNotExists',
  5: 'NotEnoughStakeToWithdraw',
  6: 'RateLimitExceeded',
  7: 'InsufficientLiquidity',
  8: 'SlippageTooHigh',
  9: 'TransferDisallowed',
  10: 'HotKeyNotRegisteredInNetwork',
  11: 'InvalidIpAddress',
  12: 'ServingRateLimitExceeded',
  13: 'InvalidPort',
  14: 'ZeroMaxAmount',
  15: 'InvalidRevealRound',
  16: 'NoWeightsCommitFound',
  17: 'RevealTooEarly',
  18: 'InputLengthsUnequal',
  19: 'HotKeyNotRegisteredInSubNet',
  20: 'EvmKeyAssociateRateLimitExceeded',
  21: 'ColdkeySwapDisputed',
  22: 'InvalidRealAccount',
  23: 'FailedShieldedTxParsing',
  24: 'InvalidShieldedTxPubKeyHash',
  25: 'NonAssociatedColdKey',
  26: 'DelegateTakeTooLow',
  27: 'DelegateTakeTooHigh',
  255: 'BadRequest',
};

const WEIGHT_CALLS =
  /^(setWeights|setMechanismWeights|batchSetWeights|revealWeights|revealMechanismWeights|batchRevealWeights)$/;
const COMMIT_CALLS =
  /^(commitWeights|commitMechanismWeights|batchCommitWeights|commitCrv3Weights|commitCrv3MechanismWeights|commitTimelockedWeights|commitTimelockedMechanismWeights)$/;

/**
 * Some custom codes stand for several dispatch errors; the call that was refused tells which one the
 * runtime meant (`6` on set_weights is SettingWeightsTooFast, on register_network the network limit).
 */
function refineCustom(code: number, method: string | undefined): string | undefined {
  if (method === undefined) return undefined;
  if (code === 6) {
    if (WEIGHT_CALLS.test(method)) return 'SettingWeightsTooFast';
    if (COMMIT_CALLS.test(method)) return 'CommittingWeightsTooFast';
    if (/^registerNetwork/.test(method)) return 'NetworkTxRateLimitExceeded';
  }
  if (code === 1 && (WEIGHT_CALLS.test(method) || COMMIT_CALLS.test(method)))
    return 'NotEnoughStakeToSetWeights';
  return undefined;
}

const POOL_HINTS: Readonly<Record<string, string>> = {
  RateLimitExceeded:
    'Rate limited (weights, commits or subnet creation); wait the limit in blocks and retry.',
  ColdkeyInSwapSchedule: 'This coldkey is scheduled for a swap; wait until it completes.',
  BadRequest: 'The runtime refused the call before dispatch; check the arguments.',
};

/** Names of the standard `InvalidTransaction` variants as they appear in pool error payloads. */
const INVALID_VARIANTS: ReadonlyArray<[RegExp, string]> = [
  [/payment/i, 'Payment'],
  [/stale/i, 'Stale'],
  [/future/i, 'Future'],
  [/badproof|bad signature/i, 'BadProof'],
  [/ancientbirthblock|outdated/i, 'AncientBirthBlock'],
  [/exhaustsresources/i, 'ExhaustsResources'],
  [/badmandatory/i, 'BadMandatory'],
  [/mandatoryvalidation/i, 'MandatoryValidation'],
  [/call/i, 'Call'],
];

/**
 * Turns a JSON-RPC error from `author_submit*` into a typed error when it is a pool refusal
 * (1010 invalid, 1011 unknown, 1012/1014 priority/replacement). Returns undefined otherwise.
 */
export function decodePoolError(
  error: unknown,
  details: Record<string, unknown> = {},
  /** The refused call's method name (`setWeights`), to tell apart codes shared by several errors. */
  method?: string,
): ChainError | undefined {
  const text = errorText(error);
  const code = /\b(101[0-4])\b/.exec(text)?.[1];
  if (code === undefined) return undefined;
  let name: string | undefined;
  if (code === '1014' || /priority is too low/i.test(text)) name = 'PriorityTooLow';
  else if (code === '1012') name = 'TemporarilyBanned';
  else {
    const custom = /custom(?:\s*error)?\W*?(\d+)/i.exec(text)?.[1];
    if (custom !== undefined) {
      name =
        refineCustom(Number(custom), method) ?? SUBTENSOR_CUSTOM_ERRORS[Number(custom)] ?? `Custom${custom}`;
      details.customCode = Number(custom);
    } else {
      name =
        INVALID_VARIANTS.find(([re]) => re.test(text.replace(/^[^:]*:/, '')))?.[1] ?? 'InvalidTransaction';
    }
  }
  return new ChainError(name, `transaction refused by the pool: ${name} (${text})`, {
    pallet: 'pool',
    hint: hintFor(name) ?? POOL_HINTS[name],
    details: { rpcCode: Number(code), rpcMessage: text, ...details },
    cause: error,
  });
}

function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error);
  } catch {
    return String(error);
  }
}
