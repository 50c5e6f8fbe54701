import { type FakeModelHub, type FakeModelHubOptions, startFakeModelHub } from '../testing/fakeModelHub.js';

export type ModelHubStandIn = FakeModelHub;

/**
 * How far back the stand-in dates its repos and commits. The validator checks a repo's creation
 * time against its commitment block's time (spec §5.3); a local chain's block times follow its
 * block count, not the wall clock, and lag it by minutes on a busy machine, so a repo created just
 * before its commitment would look younger than the block. An hour back keeps the rule's outcome
 * the one the real hub and chain give.
 */
export const STAND_IN_CLOCK_OFFSET_MS = 3_600_000;

/** The demo's hub: the test hub, its clock an hour back (see STAND_IN_CLOCK_OFFSET_MS). */
export function startModelHubStandIn(options: FakeModelHubOptions): Promise<ModelHubStandIn> {
  return startFakeModelHub({ now: () => new Date(Date.now() - STAND_IN_CLOCK_OFFSET_MS), ...options });
}
