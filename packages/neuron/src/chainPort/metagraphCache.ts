import type { Logger } from 'pino';
import type { NeuronMetagraph } from './types.js';

/**
 * The last good metagraph, refreshed every N blocks. A failed refresh keeps the old copy (a stale
 * metagraph beats none), and a refresh is never run twice at once.
 */
export class MetagraphCache {
  private current: NeuronMetagraph | undefined;
  private uidByHotkey = new Map<string, number>();
  private lastRefreshBlock = Number.NEGATIVE_INFINITY;
  private inflight: Promise<NeuronMetagraph> | undefined;
  private listeners = new Set<(mg: NeuronMetagraph) => void>();

  constructor(
    private readonly load: () => Promise<NeuronMetagraph>,
    private readonly refreshEveryBlocks: number,
    private readonly logger: Logger,
    private readonly onRefresh?: (mg: NeuronMetagraph, ok: boolean) => void,
  ) {}

  get value(): NeuronMetagraph | undefined {
    return this.current;
  }

  uidOf(hotkey: string): number | undefined {
    return this.uidByHotkey.get(hotkey);
  }

  /** Calls `listener` after every successful refresh; returns the unsubscribe function. */
  onUpdate(listener: (mg: NeuronMetagraph) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async refresh(): Promise<NeuronMetagraph> {
    this.inflight ??= this.load()
      .then((mg) => {
        this.current = mg;
        this.uidByHotkey = new Map(mg.hotkeys.map((h, uid) => [h, uid]));
        this.lastRefreshBlock = mg.block;
        this.onRefresh?.(mg, true);
        for (const listener of this.listeners) {
          try {
            listener(mg);
          } catch (error) {
            this.logger.warn({ err: error }, 'metagraph listener failed');
          }
        }
        return mg;
      })
      .finally(() => {
        this.inflight = undefined;
      });
    return this.inflight;
  }

  /** Called on each new block; refreshes in the background when due. */
  onBlock(block: number): void {
    if (block - this.lastRefreshBlock < this.refreshEveryBlocks || this.inflight) return;
    this.refresh().catch((error: unknown) => {
      if (this.current) this.onRefresh?.(this.current, false);
      this.logger.warn({ err: error, block }, 'metagraph refresh failed; keeping the cached one');
    });
  }
}
