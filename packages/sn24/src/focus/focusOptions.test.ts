import { describe, expect, it } from 'vitest';
import { FocusError } from './focusError.js';
import { DEFAULT_FOCUS_SHARE, FOCUS_OPTIONS, FOCUS_WINDOW_BLOCKS, focusSettings } from './focusOptions.js';

const defaults = Object.fromEntries(
  FOCUS_OPTIONS.flatMap((o) => (o.default === undefined ? [] : [[o.key, o.default]])),
);

describe('focusSettings', () => {
  it('is off without --sn24.focus_api and reads the share and window otherwise', () => {
    expect(focusSettings({ values: defaults })).toBeUndefined();
    expect(focusSettings({ values: { ...defaults, 'sn24.focus_api': '' } })).toBeUndefined();
    expect(focusSettings({ values: { ...defaults, 'sn24.focus_api': 'http://127.0.0.1:8002' } })).toEqual({
      api: 'http://127.0.0.1:8002',
      share: DEFAULT_FOCUS_SHARE,
      windowBlocks: FOCUS_WINDOW_BLOCKS,
    });
  });

  it('names the flag when the URL is not http(s)', () => {
    const err = (() => {
      try {
        focusSettings({ values: { ...defaults, 'sn24.focus_api': 'ftp://market' } });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(FocusError);
    expect((err as FocusError).message).toMatch(/^--sn24\.focus_api: /);
  });
});
