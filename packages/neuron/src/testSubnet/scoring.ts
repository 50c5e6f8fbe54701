/**
 * The test subnet's whole "task" (the subnet template's `Dummy`): a miner must return `input × 2`.
 * A validator scores correctness first and latency second, so a slow-but-right miner ranks below a
 * fast one and a wrong one gets nothing. Small enough to reason about, real enough to exercise every
 * runtime path (signed HTTP, blacklist, scores, weights).
 */
export function answer(input: number): number {
  return input * 2;
}

/** 0 for a failed call or a wrong answer; otherwise 0.5 + 0.5 × the share of the timeout left. */
export function reward(args: {
  input: number;
  output: number | null | undefined;
  ok: boolean;
  processTimeSeconds: number | null | undefined;
  timeoutSeconds: number;
}): number {
  if (!args.ok || args.output !== answer(args.input)) return 0;
  const t = args.processTimeSeconds ?? args.timeoutSeconds;
  const left = Math.max(0, Math.min(1, 1 - t / args.timeoutSeconds));
  return 0.5 + 0.5 * left;
}
