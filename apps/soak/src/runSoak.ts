import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  allServing,
  type CheckResult,
  noDoubleWeights,
  noUnexpectedRestarts,
  stateFilesIntact,
  type ValidatorOnChain,
  weightsAfterLastFault,
} from './chaos/chaosChecks.js';
import { chaosWindow, missingKinds, type PlannedFault, planFaults } from './chaos/faultSchedule.js';
import { describe, type FaultRecord, runFaults } from './chaos/runFaults.js';
import { checkStateDirs, keptFiles, listStateFiles } from './chaos/stateFiles.js';
import { headBlock, WeightsSetLog } from './chaos/weightsSetLog.js';
import { type SoakNetwork, startSoakNetwork } from './network/startSoakNetwork.js';
import { analyseDaemon, type DaemonAnalysis, median } from './report/analyseDaemon.js';
import { curvesOf, type Point } from './report/curves.js';
import { formatChecks, formatDaemonTable, formatTargets } from './report/formatReport.js';
import { plotSoak } from './report/plotSoak.js';
import { writeSoakResult } from './report/writeSoakResult.js';
import type { DaemonSample } from './sample/daemonSample.js';
import { LoopProbe } from './sample/loopProbe.js';
import { isHealthy, scrapeDaemon } from './sample/scrapeDaemon.js';
import { sleepUntil } from './sleepUntil.js';
import type { SoakOptions } from './soakOptions.js';

/**
 * `pnpm soak`: the demo's network under pm2, sampled every `intervalS` for `minutes` (after it is
 * up), with `--chaos` faults on a seeded schedule; then targets and checks, JSON and a PNG in
 * bench/results/. Returns the exit code: non-zero when a target (soak) or a check (chaos) failed.
 */
export async function runSoak(
  o: SoakOptions,
  out: (line: string) => void,
  stop: AbortSignal,
): Promise<number> {
  const started = Date.now();
  const stamp = () => `[${((Date.now() - started) / 1000).toFixed(0)}s]`;
  const workDir = o.dir ?? (await mkdtemp(join(tmpdir(), 'taonode-soak-')));
  const name = `soak${o.chaos ? '-chaos' : ''}-${o.minutes}min`;
  out(`${name}: seed ${o.seed}, work folder ${workDir}`);
  let net: SoakNetwork | undefined;
  const probe = new LoopProbe();
  let passed = false;
  try {
    net = await startSoakNetwork({
      workDir,
      miners: o.miners,
      subnets: o.subnets,
      chaos: o.chaos,
      seed: o.seed,
      progress: (step) => out(`${stamp()} ${step}`),
    });
    const { daemons, demo } = net;
    out(`${stamp()} ${daemons.length} daemons started under pm2 (logs in ${join(workDir, 'logs')})`);
    const weights = new WeightsSetLog(demo.client, await headBlock(demo.client));
    const validators = daemons.filter((d) => d.plan.role === 'validator');
    out(`${stamp()} waiting for every daemon's /healthz and every validator's weights on chain…`);
    await waitUntilUp(net, weights, o.readyTimeoutS * 1000, stop);
    out(`${stamp()} the network is up`);

    // --- the soak itself
    const t0 = Date.now();
    const durationS = o.minutes * 60;
    const baselineMin = Math.min(10, o.minutes * 0.4);
    const firstPm2 = await net.pm2.list();
    const plan: PlannedFault[] = o.chaos
      ? planFaults({
          seed: o.seed,
          durationS,
          window: chaosWindow(durationS),
          daemons: daemons.map((d) => ({ name: d.plan.name, role: d.plan.role })),
        })
      : [];
    if (o.chaos) {
      out(`chaos schedule (seed ${o.seed}):`);
      for (const f of plan) out(`  at ${(f.atS / 60).toFixed(1)} min: ${describe(f)}`);
      const missing = missingKinds(plan);
      if (missing.length > 0)
        out(`warning: too short for every fault (missing ${missing.join(', ')}); use --minutes 8 or more`);
    }
    const chaosStop = new AbortController();
    const onStop = () => chaosStop.abort();
    stop.addEventListener('abort', onStop);
    // Looks at every daemon's state folder: at the start and before each fault (see keptFiles).
    const stateSnapshots: Set<string>[] = [];
    const snapshotState = async () => {
      const files = new Set<string>();
      for (const d of daemons) for (const f of await listStateFiles(d.plan.stateDir)) files.add(f);
      stateSnapshots.push(files);
    };
    if (net.controls) await snapshotState();
    const faultsRun: Promise<FaultRecord[]> = net.controls
      ? runFaults(plan, net.controls, { t0, signal: chaosStop.signal, log: out, beforeFault: snapshotState })
      : Promise.resolve([]);
    out(`${stamp()} soak started: ${o.minutes} min, a sample every ${o.intervalS} s`);
    probe.start();
    await probe.read();
    const samples = new Map<string, DaemonSample[]>(daemons.map((d) => [d.plan.name, []]));
    const probeCurve: Point[] = [];
    for (let k = 0; ; k++) {
      const due = t0 + k * o.intervalS * 1000;
      if (due > t0 + durationS * 1000 + 1) break;
      if (!(await sleepUntil(due, stop))) break;
      const t = (Date.now() - t0) / 1000;
      const list = await net.pm2.list().catch(() => new Map());
      const [taken, floor] = await Promise.all([
        Promise.all(
          daemons.map((d) => {
            const p = list.get(d.plan.name);
            return scrapeDaemon({
              t,
              metricsPort: d.metricsPort,
              pid: p?.pid || undefined,
              restarts: p?.restarts ?? 0,
              served: net!.served(d.plan.name),
            });
          }),
        ),
        probe.read(),
      ]);
      for (const [i, d] of daemons.entries()) samples.get(d.plan.name)!.push(taken[i]!);
      if (floor !== undefined) probeCurve.push([t / 60, Math.max(0, floor - 10)]);
      await weights.scan().catch(() => undefined);
      if (k % Math.max(1, Math.round(60 / o.intervalS)) === 0) {
        const upCount = taken.filter((s) => s.up).length;
        const rss = taken.reduce((a, s) => a + (s.rssBytes ?? 0), 0) / 2 ** 20;
        out(
          `${stamp()} t=${(t / 60).toFixed(1)} min: ${upCount}/${daemons.length} answering, RSS ${rss.toFixed(0)} MiB in all`,
        );
      }
    }
    const endS = Math.min(durationS, (Date.now() - t0) / 1000);
    chaosStop.abort();
    stop.removeEventListener('abort', onStop);
    const faults = await faultsRun;

    // --- chaos checks
    let checks: CheckResult[] = [];
    const onChain = (): ValidatorOnChain[] =>
      validators.map((d) => ({
        name: d.plan.name,
        netuid: d.plan.netuid,
        uid: d.plan.uid,
        tempo: demo.subnets.find((s) => s.id === d.plan.subnet)!.tempo,
        landings: weights.landingsOf(d.plan.netuid, d.plan.uid),
      }));
    if (o.chaos) {
      out(`${stamp()} chaos over (${faults.length} faults); checking recovery…`);
      const lastEnd = faults.at(-1)?.endBlock ?? (await headBlock(demo.client));
      const maxTempo = Math.max(...demo.subnets.map((s) => s.tempo));
      // The two-tempo window after the last fault must be over before it is judged.
      await waitFor(async () => (await headBlock(demo.client)) > lastEnd + 2 * maxTempo, 5 * 60_000, stop);
      const health = await waitForHealth(net, 3 * 60_000, stop);
      await weights.scan().catch(() => undefined);
      const lastPm2 = await net.pm2.list();
      const restarts = new Map(
        daemons.map((d) => [
          d.plan.name,
          (lastPm2.get(d.plan.name)?.restarts ?? 0) - (firstPm2.get(d.plan.name)?.restarts ?? 0),
        ]),
      );
      const firstFaultBlock = faults[0]?.startBlock ?? lastEnd;
      checks = [
        stateFilesIntact(
          await checkStateDirs(
            daemons.map((d) => ({ daemon: d.plan.name, dir: d.plan.stateDir })),
            keptFiles(stateSnapshots),
          ),
        ),
        noDoubleWeights(onChain(), firstFaultBlock),
        allServing(health, lastPm2, net.kills, net.policy.stop_exit_codes),
        weightsAfterLastFault(onChain(), lastEnd),
        noUnexpectedRestarts(restarts, net.kills),
      ];
    }

    // --- figures, plot, verdict
    const analyses: DaemonAnalysis[] = daemons.map((d) =>
      analyseDaemon(d.plan.name, d.plan.role, samples.get(d.plan.name)!, {
        baselineS: baselineMin * 60,
        endS,
      }),
    );
    const png = plotSoak({
      title: `${name} — ${demo.subnets.map((s) => s.id).join(', ')}; ${daemons.length} daemons under pm2`,
      daemons: daemons.map((d) => ({
        name: d.plan.name,
        role: d.plan.role,
        curves: curvesOf(samples.get(d.plan.name)!, d.plan.role),
      })),
      probeLoopP99Ms: probeCurve,
      faults: faults.map((f) => ({
        fromMin: f.startedS / 60,
        toMin: f.endedS / 60,
        label:
          f.kind === 'kill'
            ? 'kill'
            : f.kind === 'chainOutage'
              ? 'chain'
              : f.kind === 'garbageMiner'
                ? 'garbage'
                : 'ENOSPC',
      })),
      baselineMin,
      minutes: o.minutes,
    }).png;
    const targetsOk = analyses.every((a) => [a.rss, a.fds, a.loop].every((t) => t.verdict !== 'FAIL'));
    const checksOk = checks.every((c) => c.ok);
    passed = o.chaos ? checksOk : targetsOk;
    const files = await writeSoakResult(demo.repoRoot, name, png, {
      options: { ...o, dir: undefined },
      network: {
        subnets: demo.subnets.map((s) => ({ id: s.id, netuid: s.netuid, tempo: s.tempo })),
        daemons: daemons.map((d) => ({
          name: d.plan.name,
          subnet: d.plan.subnet,
          role: d.plan.role,
          uid: d.plan.uid,
        })),
      },
      soakedMinutes: endS / 60,
      baselineMin,
      analyses,
      machineLoopP99Ms: { typical: median(probeCurve.map((p) => p[1])), curve: probeCurve },
      ...(o.chaos
        ? {
            chaos: {
              seed: o.seed,
              faults,
              garbageAnswers: net.garbled(),
              kills: Object.fromEntries(net.kills),
              checks,
              weightsSetBlocks: Object.fromEntries(onChain().map((v) => [v.name, v.landings])),
            },
          }
        : {}),
      verdict: passed ? 'PASS' : 'FAIL',
      samples: Object.fromEntries(samples),
    });

    out('');
    out(formatDaemonTable(analyses, baselineMin));
    out('');
    out(formatTargets(baselineMin));
    const floor = median(probeCurve.map((p) => p[1]));
    out(
      `machine: an idle Node process saw a typical loop p99 of ${floor === undefined ? '-' : floor.toFixed(1)} ms in the same windows (load average now ${loadAverage()})`,
    );
    if (o.chaos) {
      out('');
      out(`chaos checks (seed ${o.seed}; ${faults.map((f) => f.kind).join(', ')}):`);
      out(formatChecks(checks));
      if (!targetsOk)
        out(
          '(a chaos run restarts and stresses daemons: the targets above are for reading, not the verdict)',
        );
    }
    out('');
    out(`results: ${files.json}`);
    out(`plot:    ${files.png}`);
    out(
      `${name} ${passed ? 'PASS' : 'FAIL'}${passed ? '' : o.chaos ? ': a chaos check broke (above)' : ': a target was missed (above)'}`,
    );
    return passed ? 0 : 1;
  } catch (error) {
    out(
      `soak failed after ${((Date.now() - started) / 1000).toFixed(0)} s: ${error instanceof Error ? error.message : String(error)}`,
    );
    for (const d of net?.daemons ?? []) {
      const log = await readFile(d.logFile, 'utf8').catch(() => '');
      out(
        `--- last lines of ${d.plan.name} (${d.logFile})\n${log.trimEnd().split('\n').slice(-10).join('\n')}`,
      );
    }
    return 1;
  } finally {
    probe.stop();
    await net?.close();
    if (o.dir === undefined) {
      if (passed) await rm(workDir, { recursive: true, force: true });
      else out(`work folder kept for the logs: ${workDir}`);
    }
  }
}

/** Every daemon's /healthz ok and every validator's weights on chain at least once. */
async function waitUntilUp(net: SoakNetwork, weights: WeightsSetLog, timeoutMs: number, stop: AbortSignal) {
  const validators = net.daemons.filter((d) => d.plan.role === 'validator');
  const up = await waitFor(
    async () => {
      await weights.scan().catch(() => undefined);
      const dead = [...(await net.pm2.list()).values()].find((p) =>
        ['errored', 'stopped'].includes(p.status),
      );
      if (dead) throw new Error(`${dead.name} is ${dead.status} (exit code ${dead.exitCode ?? '-'})`);
      const healthy = await Promise.all(net.daemons.map((d) => isHealthy(d.metricsPort)));
      return (
        healthy.every(Boolean) &&
        validators.every((v) => weights.landingsOf(v.plan.netuid, v.plan.uid).length > 0)
      );
    },
    timeoutMs,
    stop,
    true,
  );
  if (!up) throw new Error(stop.aborted ? 'stopped' : `the network was not up within ${timeoutMs / 1000} s`);
}

/** Waits for every daemon's /healthz to be ok; gives up early when pm2 has stopped one for good. */
async function waitForHealth(
  net: SoakNetwork,
  timeoutMs: number,
  stop: AbortSignal,
): Promise<Map<string, boolean>> {
  let health = new Map<string, boolean>();
  await waitFor(
    async () => {
      const ok = await Promise.all(net.daemons.map((d) => isHealthy(d.metricsPort)));
      health = new Map(net.daemons.map((d, i) => [d.plan.name, ok[i]!]));
      if (ok.every(Boolean)) return true;
      const list = await net.pm2.list();
      // pm2 will not bring a stopped or errored one back: no point waiting.
      return net.daemons.some(
        (d, i) => !ok[i] && ['stopped', 'errored'].includes(list.get(d.plan.name)?.status ?? ''),
      );
    },
    timeoutMs,
    stop,
  );
  return health;
}

/** Polls `check` every 2 s until true; false at the timeout or on stop. `rethrow`: a throwing check ends the wait. */
async function waitFor(
  check: () => Promise<boolean>,
  timeoutMs: number,
  stop: AbortSignal,
  rethrow = false,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!stop.aborted) {
    try {
      if (await check()) return true;
    } catch (error) {
      if (rethrow) throw error;
    }
    if (Date.now() > deadline) return false;
    if (!(await sleepUntil(Date.now() + 2_000, stop))) return false;
  }
  return false;
}

function loadAverage(): string {
  return loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
}
