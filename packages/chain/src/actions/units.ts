import { ChainInputError } from '../errors/chainError.js';

export const RAO_PER_TAO = 1_000_000_000n;
export const U16_MAX_FLOAT = 65535;

/** rao (u64) → TAO as a float, for display and scoring; keep bigint rao for arithmetic. */
export function raoToTao(rao: bigint): number {
  return Number(rao / RAO_PER_TAO) + Number(rao % RAO_PER_TAO) / 1e9;
}

/** "1.5" or 1.5 TAO → rao, exact for decimal strings (no float rounding). */
export function taoToRao(tao: string | number): bigint {
  const text = typeof tao === 'number' ? tao.toFixed(9) : tao.trim();
  const match = /^(\d+)(?:\.(\d{0,9})\d*)?$/.exec(text);
  if (match === null) {
    throw new ChainInputError(`amount "${tao}" is not a non-negative number of TAO`, { amount: String(tao) });
  }
  return BigInt(match[1]!) * RAO_PER_TAO + BigInt((match[2] ?? '').padEnd(9, '0'));
}

/** "1.5 τ": TAO from rao, trailing zeros trimmed. */
export function formatTao(rao: bigint): string {
  return `${decimalOf(rao)} τ`;
}

/**
 * "674.25 α": a subnet's alpha from its rao (alpha has 9 decimals like TAO). Stake on a subnet is
 * held in its alpha, not TAO: staking TAO swaps it into the subnet's pool, so the amounts differ.
 */
export function formatAlpha(rao: bigint): string {
  return `${decimalOf(rao)} α`;
}

function decimalOf(rao: bigint): string {
  const whole = rao / RAO_PER_TAO;
  const frac = (rao % RAO_PER_TAO).toString().padStart(9, '0').replace(/0+$/, '');
  return `${whole}${frac === '' ? '' : `.${frac}`}`;
}
