/** One look at one daemon. Counters are cumulative since the process started (they reset on a restart). */
export interface DaemonSample {
  /** Seconds since the soak's start. */
  t: number;
  pid?: number;
  /** pm2's restart count so far. */
  restarts: number;
  /** /metrics answered. */
  up: boolean;
  rssBytes?: number;
  heapUsedBytes?: number;
  openFds?: number;
  /** Event-loop delay p99 over the window since the previous scrape, as prom-client reports it (ms). */
  loopP99Ms?: number;
  /** Validator step histogram: seconds summed and steps counted. */
  stepSecondsSum?: number;
  stepCount?: number;
  /** Responses of the miner's axon on its synapses (`taonode_axon_requests_total`, every result and status). */
  requests?: number;
  /**
   * Requests the miner answered with a 2xx, counted by the soak's relay in front of its axon since
   * the soak began: unlike the daemon's own counters it does not reset on a restart.
   */
  served?: number;
}

/** prom-client's default metrics under the daemons' `taonode_` prefix (packages/neuron/src/health). */
export const METRIC = {
  rss: 'taonode_process_resident_memory_bytes',
  heapUsed: 'taonode_nodejs_heap_size_used_bytes',
  openFds: 'taonode_process_open_fds',
  loopP99: 'taonode_nodejs_eventloop_lag_p99_seconds',
  stepSum: 'taonode_validator_step_seconds_sum',
  stepCount: 'taonode_validator_step_seconds_count',
  requests: 'taonode_axon_requests_total',
} as const;

/** The sample's fields from a parsed /metrics page. */
export function fromMetrics(m: Map<string, number>): Omit<DaemonSample, 't' | 'pid' | 'restarts' | 'up'> {
  const loop = m.get(METRIC.loopP99);
  return {
    rssBytes: m.get(METRIC.rss),
    heapUsedBytes: m.get(METRIC.heapUsed),
    openFds: m.get(METRIC.openFds),
    loopP99Ms: loop === undefined ? undefined : loop * 1000,
    stepSecondsSum: m.get(METRIC.stepSum),
    stepCount: m.get(METRIC.stepCount),
    requests: m.get(METRIC.requests),
  };
}
