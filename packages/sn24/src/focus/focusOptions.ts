import type { NeuronConfig, OptionSpec } from '@taonode/neuron';
import { z } from 'zod';
import { FocusError } from './focusError.js';

/** Spec §5.7: payments count for 24 h, 7,200 blocks of 12 s. */
export const FOCUS_WINDOW_BLOCKS = 7_200;
/** The seed's Focus share (the live subnet moved to 1.0 in Oct 2025, spec §5.7). */
export const DEFAULT_FOCUS_SHARE = 0.05;

/** The SN24 validator's Focus flags. */
export const FOCUS_OPTIONS: readonly OptionSpec[] = [
  {
    key: 'sn24.focus_api',
    kind: 'string',
    description:
      'SN24 validator: Focus marketplace URL that lists purchases (GET /api/focus/purchases; `taonode sn24 focus serve` runs one); each claim is verified on chain. Unset: Focus off',
  },
  {
    key: 'sn24.focus_share',
    kind: 'number',
    default: DEFAULT_FOCUS_SHARE,
    min: 0,
    max: 1,
    description:
      'SN24 validator: part of the weights that follows verified Focus purchases, the rest follows the YouTube score (spec 5.7; the live subnet uses 1)',
  },
  {
    key: 'sn24.focus_window_blocks',
    kind: 'integer',
    default: FOCUS_WINDOW_BLOCKS,
    min: 1,
    description: 'SN24 validator: blocks a verified Focus payment keeps counting (24 h of 12 s blocks)',
  },
];

export interface FocusSettings {
  api: string;
  share: number;
  windowBlocks: number;
}

const settingsSchema = z.object({
  api: z.url({ protocol: /^https?$/, error: 'expected an http(s):// URL' }),
  share: z.number().min(0).max(1),
  windowBlocks: z.number().int().min(1),
});

const FLAG_OF: Record<string, string> = {
  api: 'sn24.focus_api',
  share: 'sn24.focus_share',
  windowBlocks: 'sn24.focus_window_blocks',
};

/** The Focus settings of a validated config, or undefined when `--sn24.focus_api` is not set. */
export function focusSettings(config: Pick<NeuronConfig, 'values'>): FocusSettings | undefined {
  const v = config.values;
  const api = v['sn24.focus_api'];
  if (api === undefined || api === '') return undefined;
  const parsed = settingsSchema.safeParse({
    api,
    share: v['sn24.focus_share'],
    windowBlocks: v['sn24.focus_window_blocks'],
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const flag = FLAG_OF[String(issue.path[0])] ?? 'sn24.focus_api';
    throw new FocusError('FocusSettingsInvalid', `--${flag}: ${issue.message}`, {
      hint: 'give --sn24.focus_api as http(s)://host:port of the marketplace',
    });
  }
  return parsed.data;
}
