import type { DashboardRecorder, StepMinerResult, WeightsMode } from '@taonode/dashboard';
import type { Role } from '../config/neuronConfig.js';
import type { NeuronEventMap, NeuronEvents } from '../events/neuronEvents.js';

/** What the identity events do not carry: fixed for the daemon's life. */
export interface DaemonIdentity {
  role: Role;
  subnet: string;
  netuid: number;
  version: string;
}

/** The chain's answer to a weights submission, as the dashboard names it. */
export function weightsMode(mode: string): WeightsMode {
  if (mode === 'set' || mode === 'direct') return 'direct';
  if (mode === 'timelocked') return 'timelocked';
  return 'commit';
}

/**
 * Feeds a dashboard recorder from the daemon's events, one to one; nothing in the loops knows the
 * dashboard. The recorder never throws and keeps what it is given, so each call gets a fresh
 * object. Components pass through as the subnet's scoring reported them: the page builds its
 * columns from their keys, whatever the subnet. Returns the unsubscribe.
 */
export function recordNeuronEvents(
  events: NeuronEvents,
  recorder: DashboardRecorder,
  daemon: DaemonIdentity,
): () => void {
  let last: NeuronEventMap['identity'] | undefined;
  const identity = (event: NeuronEventMap['identity']) => {
    last = event;
    recorder.identity({
      role: daemon.role,
      subnet: daemon.subnet,
      netuid: daemon.netuid,
      version: daemon.version,
      hotkey: event.hotkey,
      uid: event.uid ?? null,
      stake: event.stake,
      block: event.block,
    });
  };
  const offs = [
    events.on('identity', identity),
    // The block between metagraph refreshes: only the number moves (no history line for it).
    events.on('block', ({ block }) => {
      if (last && block > last.block) identity({ ...last, block });
    }),
    events.on('step', (event) => {
      const miners: StepMinerResult[] = event.results.map((r) => ({
        uid: r.uid,
        ...(r.hotkey === null ? {} : { hotkey: r.hotkey }),
        reward: r.reward,
        score: r.score,
        ...(r.components ? { components: r.components } : {}),
      }));
      const queried = new Set(event.results.map((r) => r.uid));
      // A uid whose hotkey changed starts again from 0 (its new hotkey comes with its next answer).
      for (const uid of event.reset) if (!queried.has(uid)) miners.push({ uid, reward: null, score: 0 });
      recorder.validatorStep({
        step: event.step,
        at: event.at,
        block: event.block,
        durationMs: event.durationMs,
        miners,
      });
    }),
    events.on('weights', (event) => {
      recorder.weightsSet({
        block: event.block,
        at: event.at,
        epoch: event.epoch,
        mode: weightsMode(event.mode),
        uids: [...event.uids],
        weights: [...event.weights],
      });
    }),
    events.on('request', (event) => {
      recorder.minerRequest({
        caller: event.hotkey ?? undefined,
        synapse: event.synapse,
        outcome: event.outcome,
        status: event.status,
        latencyMs: event.latencyMs,
      });
    }),
    events.on('figure', ({ name, value }) => {
      recorder.figures({ figures: { [name]: value } });
    }),
  ];
  // Figures a plug-in published before the dashboard listened (at creation).
  const known = events.figures();
  if (known.size > 0) recorder.figures({ figures: Object.fromEntries(known) });
  return () => {
    for (const off of offs) off();
  };
}
