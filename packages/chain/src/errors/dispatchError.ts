import type { DispatchError } from '@polkadot/types/interfaces';
import { ChainError } from './chainError.js';
import { hintFor } from './hints.js';

/** `ExtrinsicFailed` → a ChainError named after the runtime's own error (`SettingWeightsTooFast`, …). */
export function decodeDispatchError(error: DispatchError, details: Record<string, unknown> = {}): ChainError {
  if (error.isModule) {
    const meta = error.registry.findMetaError(error.asModule);
    const message = meta.docs.join(' ').trim() || meta.name;
    return new ChainError(meta.name, `${meta.section}.${meta.name}: ${message}`, {
      pallet: upperFirst(meta.section),
      hint: hintFor(meta.name),
      details: { ...details, index: error.asModule.index.toNumber() },
    });
  }
  let name: string = error.type;
  if (error.isToken) name = error.asToken.type;
  else if (error.isArithmetic) name = error.asArithmetic.type;
  else if (error.isTransactional) name = error.asTransactional.type;
  return new ChainError(name, `dispatch failed: ${error.type}${name === error.type ? '' : `.${name}`}`, {
    pallet: 'System',
    hint: hintFor(name),
    details,
  });
}

function upperFirst(s: string): string {
  return s.length === 0 ? s : s[0]!.toUpperCase() + s.slice(1);
}
