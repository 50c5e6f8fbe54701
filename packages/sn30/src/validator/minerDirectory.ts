import type { AxonTarget } from '@taonode/transport';
import { SUPPORTED_SPEC_VERSIONS } from '../protocol/synapses.js';
import type { MinerClient, MinerInfo } from './minerClient.js';

export interface DirectoryEntry {
  uid: number;
  axon: AxonTarget;
  info: MinerInfo | undefined;
  /** Why the miner is not eligible (unreachable, another model, …); undefined when it is. */
  problem: string | undefined;
  checkedAt: number;
}

/**
 * Which serving axons are SN30 miners this validator can judge (spec §2.1: the reference asks
 * `Neuron.Info` every 25 blocks): role miner, a supported spec version, and the validator's own model
 * and noise layout — a miner on another model would fail every replay through no cheating of its own,
 * so it is left out (and logged once) rather than tested.
 */
export class MinerDirectory {
  private readonly entries = new Map<string, DirectoryEntry>();

  constructor(
    private readonly client: MinerClient,
    private readonly expected: { model: string; noise: string },
    private readonly log: (entry: Record<string, unknown>) => void = () => undefined,
  ) {}

  /** Asks every axon for its Info (at most `concurrency` at once); forgets hotkeys no longer listed. */
  async refresh(
    axons: readonly { uid: number; axon: AxonTarget }[],
    opts: { concurrency?: number; timeoutS?: number; signal?: AbortSignal; now?: number } = {},
  ): Promise<void> {
    const listed = new Set(axons.map((a) => a.axon.hotkey));
    for (const h of this.entries.keys()) if (!listed.has(h)) this.entries.delete(h);
    let next = 0;
    const worker = async () => {
      while (next < axons.length) {
        const { uid, axon } = axons[next++]!;
        const r = await this.client.info(axon, {
          timeoutS: opts.timeoutS ?? 12,
          ...(opts.signal ? { signal: opts.signal } : {}),
        });
        const info = r.ok ? r.info : undefined;
        const problem = r.ok ? this.problemOf(r.info) : `Info failed: ${r.status} ${r.reason}`;
        const before = this.entries.get(axon.hotkey);
        if (problem !== undefined && before?.problem !== problem)
          this.log({ level: 'info', msg: 'miner not eligible', uid, hotkey: axon.hotkey, problem });
        this.entries.set(axon.hotkey, { uid, axon, info, problem, checkedAt: opts.now ?? Date.now() });
      }
    };
    await Promise.all(Array.from({ length: Math.min(opts.concurrency ?? 32, axons.length) }, worker));
  }

  private problemOf(info: MinerInfo): string | undefined {
    if (info.role !== 'miner') return `role ${info.role}`;
    if (!SUPPORTED_SPEC_VERSIONS.includes(info.specVersion))
      return `spec version ${info.specVersion}, this validator speaks ${SUPPORTED_SPEC_VERSIONS.join(' or ')}`;
    if (info.model !== this.expected.model)
      return `model ${info.model}, this validator runs ${this.expected.model}`;
    if (info.noise !== this.expected.noise)
      return `noise layout ${info.noise}, expected ${this.expected.noise}`;
    return undefined;
  }

  /** Eligible miners, by uid. */
  eligible(): DirectoryEntry[] {
    return [...this.entries.values()].filter((e) => e.problem === undefined).sort((a, b) => a.uid - b.uid);
  }

  get(hotkey: string): DirectoryEntry | undefined {
    return this.entries.get(hotkey);
  }

  all(): DirectoryEntry[] {
    return [...this.entries.values()];
  }
}
