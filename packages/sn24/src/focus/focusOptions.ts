import { defineOptions, type OptionsOf, option } from '@taonode/neuron';
import { z } from 'zod';
import { FocusError } from './focusError.js';

/** Spec §5.7: payments count for 24 h, 7,200 blocks of 12 s. */
export const FOCUS_WINDOW_BLOCKS = 7_200;
/** The seed's Focus share (the live subnet moved to 1.0 in Oct 2025, spec §5.7). */
export const DEFAULT_FOCUS_SHARE = 0.05;

/** The SN24 validator's Focus flags (part of `sn24Options`). */
export const focusOptions = defineOptions({
  focusApi: option.string('sn24.focus_api', {
    roles: ['validator'],
    description:
      'SN24 validator: Focus marketplace URL that lists purchases (GET /api/focus/purchases; `taonode sn24 focus serve` runs one); each claim is verified on chain. Unset: Focus off',
  }),
  focusShare: option.number('sn24.focus_share', {
    default: DEFAULT_FOCUS_SHARE,
    min: 0,
    max: 1,
    roles: ['validator'],
    description:
      'SN24 validator: part of the weights that follows verified Focus purchases, the rest follows the YouTube score (spec 5.7; the live subnet uses 1)',
  }),
  focusWindowBlocks: option.integer('sn24.focus_window_blocks', {
    default: FOCUS_WINDOW_BLOCKS,
    min: 1,
    roles: ['validator'],
    description: 'SN24 validator: blocks a verified Focus payment keeps counting (24 h of 12 s blocks)',
  }),
});

export type FocusOptionValues = OptionsOf<typeof focusOptions>;

export interface FocusSettings {
  api: string;
  share: number;
  windowBlocks: number;
}

const apiSchema = z.url({ protocol: /^https?$/, error: 'expected an http(s):// URL' });

/** The Focus settings of the validated options, or undefined when `--sn24.focus_api` is not set. */
export function focusSettings(options: FocusOptionValues): FocusSettings | undefined {
  const api = options.focusApi;
  if (api === undefined || api === '') return undefined;
  const parsed = apiSchema.safeParse(api);
  if (!parsed.success) {
    throw new FocusError('FocusSettingsInvalid', `--sn24.focus_api: ${parsed.error.issues[0]!.message}`, {
      hint: 'give --sn24.focus_api as http(s)://host:port of the marketplace',
    });
  }
  return { api: parsed.data, share: options.focusShare, windowBlocks: options.focusWindowBlocks };
}
