import { describe, expect, it } from 'vitest';
import { FocusError } from './focusError.js';
import { DEFAULT_FOCUS_SHARE, FOCUS_WINDOW_BLOCKS, focusOptions, focusSettings } from './focusOptions.js';

const defaults = {
  focusApi: undefined,
  focusShare: focusOptions.focusShare.default as number,
  focusWindowBlocks: focusOptions.focusWindowBlocks.default as number,
};

describe('focusSettings', () => {
  it('is off without --sn24.focus_api and reads the share and window otherwise', () => {
    expect(focusSettings(defaults)).toBeUndefined();
    expect(focusSettings({ ...defaults, focusApi: '' })).toBeUndefined();
    expect(focusSettings({ ...defaults, focusApi: 'http://127.0.0.1:8002' })).toEqual({
      api: 'http://127.0.0.1:8002',
      share: DEFAULT_FOCUS_SHARE,
      windowBlocks: FOCUS_WINDOW_BLOCKS,
    });
  });

  it('names the flag when the URL is not http(s)', () => {
    const err = (() => {
      try {
        focusSettings({ ...defaults, focusApi: 'ftp://market' });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(FocusError);
    expect((err as FocusError).message).toMatch(/^--sn24\.focus_api: /);
  });
});
