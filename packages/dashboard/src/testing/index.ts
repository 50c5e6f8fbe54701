export { fakeHotkey, HOSTILE, seededRandom } from './syntheticData.js';
export { CHROMIUM_ARGS, CHROMIUM_PATH, ensureChromium } from './systemChromium.js';
