import type { ChainClient } from '@taonode/chain';
import {
  expandRegistryArgs,
  loadSubnetRegistry,
  type ProvisionedSubnet,
  type Role,
  registryScript,
  roleLaunch,
} from '@taonode/neuron';
import { startSn21Demo } from './sn21Demo.js';
import { startSn24FocusDemo } from './sn24FocusDemo.js';

/** How to start one process: a script, node's flags for it, its arguments. */
export interface Launch {
  script: string;
  execArgv: string[];
  args: string[];
}

/**
 * One subnet `taonode demo` runs on its own local subnet: from the registry of subnets
 * (`config/subnets.json`), every implemented one that has a `demo` entry.
 */
export interface DemoSubnet {
  id: string;
  title: string;
  /** The daemon for a role: the subnet's app (`apps/<app>`), or its one `--role` script. */
  launch: (role: Role) => Launch;
  /** Extra flags for miner i (1-based): the test subnet makes miner 2 slower so scores differ. */
  minerArgs: (i: number) => string[];
  validatorArgs: string[];
  /** Miners 1..N are expected to earn weight; later ones cheat on purpose (default: all earn). */
  honestMiners?: number;
  /**
   * Runs once before the subnet's daemons start, alongside the chain set-up (e.g. building SN2's
   * circuits once instead of in every daemon at the same time); a non-zero exit fails the demo.
   */
  prepare?: () => Launch;
  /** A side show started before the daemons (e.g. SN24's Focus marketplace), run once weights are on chain. */
  extras?: () => Promise<DemoExtras>;
}

export interface DemoExtras {
  /** Appended to the validator's flags. */
  validatorArgs: string[];
  /** Appended to miner i's flags (1-based), e.g. which model SN21's miner i publishes. */
  minerArgs?: (i: number) => string[];
  afterWeights(ctx: {
    client: ChainClient;
    subnet: ProvisionedSubnet;
    /** The validator's current scores (its state file), by uid. */
    scores: () => Promise<number[]>;
    out: (line: string) => void;
    deadline: number;
    workDir: string;
    validatorLog: string;
  }): Promise<void>;
  close(): Promise<void>;
}

/** The demo's code hooks, by registry id (the registry itself is JSON, read without a build). */
const DEMO_EXTRAS: Readonly<Partial<Record<string, () => Promise<DemoExtras>>>> = {
  sn21: startSn21Demo,
  sn24: startSn24FocusDemo,
};

let cached: readonly DemoSubnet[] | undefined;

/** The demo's subnets, read once from the registry. */
export function demoSubnets(): readonly DemoSubnet[] {
  if (cached) return cached;
  const registry = loadSubnetRegistry();
  // Built CLI: the subnets' dist/ scripts where built; from source (tests): src/ through tsx.
  const fromSource = import.meta.url.endsWith('.ts');
  const expand = (args: readonly string[]) => expandRegistryArgs(args, registry.root);
  cached = registry.subnets
    .filter((s) => s.implemented && s.demo !== undefined)
    .map((s) => {
      const demo = s.demo!;
      const prepare = demo.prepare;
      const extras = DEMO_EXTRAS[s.id];
      return {
        id: s.id,
        title: s.title,
        launch: (role: Role) => roleLaunch(registry, s, role, fromSource),
        minerArgs: (i: number) => [
          ...expand(demo.miner),
          ...(demo.staggerMiners ? [demo.staggerMiners.flag, String((i - 1) * demo.staggerMiners.step)] : []),
        ],
        validatorArgs: expand(demo.validator),
        ...(demo.honestMiners !== undefined ? { honestMiners: demo.honestMiners } : {}),
        ...(prepare
          ? {
              prepare: () => ({
                ...registryScript(registry.root, prepare.script, fromSource),
                args: expand(prepare.args),
              }),
            }
          : {}),
        ...(extras ? { extras } : {}),
      };
    });
  return cached;
}
