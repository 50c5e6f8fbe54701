/** One check at the end of a chaos run: ok, or what broke. */
export interface CheckResult {
  name: string;
  ok: boolean;
  details: string[];
}

export interface ValidatorOnChain {
  name: string;
  netuid: number;
  uid: number;
  tempo: number;
  /** Blocks where `WeightsSet` landed for it, in order. */
  landings: readonly number[];
}

/**
 * No weights twice for one tempo: from the first fault's block on, consecutive `WeightsSet` events
 * of each validator are at least a tempo apart (its once-per-tempo schedule, read from the chain).
 */
export function noDoubleWeights(validators: readonly ValidatorOnChain[], fromBlock: number): CheckResult {
  const details: string[] = [];
  for (const v of validators) {
    const blocks = v.landings.filter((b) => b >= fromBlock);
    for (let i = 1; i < blocks.length; i++) {
      if (blocks[i]! - blocks[i - 1]! < v.tempo) {
        details.push(
          `${v.name}: weights landed at blocks ${blocks[i - 1]} and ${blocks[i]}, less than a tempo (${v.tempo}) apart`,
        );
      }
    }
  }
  return { name: 'no weights submitted twice for one tempo', ok: details.length === 0, details };
}

/** Each validator's weights land within two tempos of the last fault being lifted. */
export function weightsAfterLastFault(
  validators: readonly ValidatorOnChain[],
  lastFaultEndBlock: number,
): CheckResult {
  const details: string[] = [];
  for (const v of validators) {
    const deadline = lastFaultEndBlock + 2 * v.tempo;
    const first = v.landings.find((b) => b > lastFaultEndBlock);
    if (first === undefined || first > deadline) {
      details.push(
        `${v.name}: ${first === undefined ? 'no weights' : `first weights at block ${first}`} after the last fault ` +
          `(lifted at block ${lastFaultEndBlock}; due by ${deadline})`,
      );
    }
  }
  return {
    name: "each validator's weights on chain within two tempos after the last fault",
    ok: details.length === 0,
    details,
  };
}

/**
 * Every daemon answers /healthz ok. For one that does not, pm2's view is added; a killed daemon that
 * pm2 left stopped with exit code 0 gets the reason: pm2 records a death by signal as code 0, so a
 * restart policy whose `stop_exit_codes` include 0 never restarts a kill -9 (or an OOM kill).
 */
export function allServing(
  health: ReadonlyMap<string, boolean>,
  pm2: ReadonlyMap<string, { status: string; exitCode: number | undefined }>,
  kills: ReadonlyMap<string, number>,
  stopExitCodes: readonly number[],
): CheckResult {
  const details: string[] = [];
  for (const [name, ok] of health) {
    if (ok) continue;
    const p = pm2.get(name);
    let line = `${name}: /healthz not ok (pm2: ${p?.status ?? 'unknown'}, exit code ${p?.exitCode ?? '-'})`;
    if (
      (kills.get(name) ?? 0) > 0 &&
      p?.status === 'stopped' &&
      p.exitCode === 0 &&
      stopExitCodes.includes(0)
    ) {
      line +=
        '; not restarted after kill -9: pm2 records a death by signal as exit code 0, and the restart ' +
        'policy (ecosystem.config.js) lists 0 in stop_exit_codes';
    }
    details.push(line);
  }
  return { name: 'every daemon back to serving (/healthz ok)', ok: details.length === 0, details };
}

export function stateFilesIntact(problems: readonly string[]): CheckResult {
  return { name: 'no state file lost or unreadable', ok: problems.length === 0, details: [...problems] };
}

/** pm2 restarted nothing but what the chaos killed: any other restart is a crash. */
export function noUnexpectedRestarts(
  restarts: ReadonlyMap<string, number>,
  kills: ReadonlyMap<string, number>,
): CheckResult {
  const details = [...restarts]
    .filter(([name, n]) => n > (kills.get(name) ?? 0))
    .map(([name, n]) => `${name}: ${n} restarts, ${kills.get(name) ?? 0} of them from kill -9 (see its log)`);
  return { name: 'no restart but those from kill -9', ok: details.length === 0, details };
}
