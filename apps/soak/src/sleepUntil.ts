import { setTimeout as delay } from 'node:timers/promises';

/** Waits until `when` (epoch ms); false when `signal` aborts first. */
export async function sleepUntil(when: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return false;
  const ms = when - Date.now();
  if (ms <= 0) return true;
  try {
    await delay(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}
