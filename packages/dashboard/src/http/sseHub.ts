import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LiveEvent, Recorder } from '../recorder.js';
import { safeJson } from './securityHeaders.js';

export interface SseHubOptions {
  maxClients: number;
  heartbeatMs?: number;
  /** A client that lets this much pile up unread is dropped rather than buffered further. */
  maxBufferedBytes?: number;
  /** Request counters go out at most this often (a busy miner answers many per second). */
  requestsEveryMs?: number;
}

/**
 * Server-sent events to the open pages. The recorder's listener only queues; serialising and
 * writing happen on the next turn of the event loop, so a step never waits on a browser.
 */
export class SseHub {
  private readonly clients = new Set<ServerResponse>();
  private queue: LiveEvent[] = [];
  private scheduled = false;
  private latestRequests: LiveEvent | undefined;
  private requestsTimer: NodeJS.Timeout | undefined;
  private readonly heartbeat: NodeJS.Timeout;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly recorder: Recorder,
    private readonly options: SseHubOptions,
  ) {
    this.heartbeat = setInterval(() => this.write(': ping\n\n'), options.heartbeatMs ?? 15_000);
    this.heartbeat.unref();
  }

  get size(): number {
    return this.clients.size;
  }

  /** Starts a stream; false when the hub is full (the caller answers 503). */
  open(req: IncomingMessage, res: ServerResponse): boolean {
    if (this.clients.size >= this.options.maxClients) return false;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
    });
    res.write(`retry: 3000\n\nevent: hello\ndata: ${safeJson({ version: this.recorder.version })}\n\n`);
    this.clients.add(res);
    if (!this.unsubscribe) this.unsubscribe = this.recorder.subscribe((e) => this.publish(e));
    const drop = () => this.drop(res);
    req.on('close', drop);
    res.on('close', drop);
    res.on('error', drop);
    return true;
  }

  private drop(res: ServerResponse): void {
    if (!this.clients.delete(res)) return;
    if (!res.destroyed) res.destroy();
    if (this.clients.size === 0 && this.unsubscribe) {
      this.unsubscribe();
      this.unsubscribe = undefined;
      this.queue = [];
    }
  }

  private publish(event: LiveEvent): void {
    if (event.event === 'requests') {
      this.latestRequests = event;
      if (!this.requestsTimer) {
        this.requestsTimer = setTimeout(() => {
          this.requestsTimer = undefined;
          if (this.latestRequests) this.enqueue(this.latestRequests);
          this.latestRequests = undefined;
        }, this.options.requestsEveryMs ?? 1_000);
        this.requestsTimer.unref();
      }
      return;
    }
    this.enqueue(event);
  }

  private enqueue(event: LiveEvent): void {
    if (this.queue.length >= 1_000) this.queue.shift();
    this.queue.push(event);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const events = this.queue;
      this.queue = [];
      let text = '';
      for (const e of events) text += `event: ${e.event}\ndata: ${safeJson(e.data)}\n\n`;
      this.write(text);
    });
  }

  private write(text: string): void {
    const limit = this.options.maxBufferedBytes ?? 1 << 20;
    for (const res of this.clients) {
      if (res.writableLength > limit) {
        this.drop(res);
        continue;
      }
      res.write(text);
    }
  }

  close(): void {
    clearInterval(this.heartbeat);
    if (this.requestsTimer) clearTimeout(this.requestsTimer);
    for (const res of [...this.clients]) {
      res.end();
      this.drop(res);
    }
  }
}
