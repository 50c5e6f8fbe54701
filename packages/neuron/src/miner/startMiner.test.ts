import { Keypair } from '@taonode/wallet';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { MetagraphCache } from '../chainPort/metagraphCache.js';
import type { ChainPort, NeuronMetagraph } from '../chainPort/types.js';
import { loadConfig } from '../config/loadConfig.js';
import { NeuronEventBus } from '../events/neuronEvents.js';
import { createNeuronMetrics } from '../health/neuronMetrics.js';
import type { CallerGuards, RuntimePorts } from '../runner/runtimePorts.js';
import type { MinerHooks } from '../subnet/minerPlugin.js';
import type { PluginContext } from '../subnet/pluginContext.js';
import { waitFor } from '../testing/waitFor.js';
import type { InterfaceMap } from './externalAddress.js';
import { startMiner } from './startMiner.js';

const signer = Keypair.fromUri('//MinerUnderTest');
const validator = Keypair.fromUri('//Validator').ss58Address;

function metagraph(axonPort: number): NeuronMetagraph {
  const axon = (ip: string, port: number) => ({ ip, port, ipType: 4, version: 1, hotkey: '' });
  return {
    netuid: 2,
    block: 0,
    hotkeys: [validator, signer.ss58Address],
    stake: [500, 0],
    validatorPermit: [true, false],
    axons: [axon('0.0.0.0', 0), axon('127.0.0.2', axonPort)],
    lastUpdate: [0, 0],
    tempo: 10,
    weightsRateLimit: 0,
    commitRevealEnabled: false,
    weightsVersion: 0,
  };
}

const nic = (address: string, internal = false) => ({
  address,
  netmask: '255.0.0.0',
  family: 'IPv4' as const,
  mac: '00:00:00:00:00:00',
  internal,
  cidr: null,
});
const loopbackOnly: InterfaceMap = { lo: [nic('127.0.0.1', true)] };

async function setup(
  argv: string[],
  interfaces: InterfaceMap = loopbackOnly,
  hooks?: MinerHooks<string, string>,
) {
  const r = loadConfig({ role: 'miner', argv: ['--netuid', '2', ...argv], env: {} });
  if (r.kind !== 'config') throw new Error('config');
  const state = { mg: metagraph(0) };
  const posted: { ip: string; port: number }[] = [];
  const chain: ChainPort = {
    subscribeBlocks: async () => () => {},
    blockNumber: async () => state.mg.block,
    metagraph: async () => state.mg,
    serveAxon: async ({ ip, port }) => {
      posted.push({ ip, port });
      return 'served';
    },
    submitWeights: async () => ({ kind: 'skipped', reason: 'miner' }),
    isConnected: () => true,
    close: async () => {},
  };
  const logger = pino({ level: 'silent' });
  const cache = new MetagraphCache(() => chain.metagraph(2), 1, logger);
  await cache.refresh();
  let guards: CallerGuards | undefined;
  const attached: string[] = [];
  const ports: RuntimePorts<string, string, string> = {
    connectChain: async () => chain,
    createAxon: (a) => {
      guards = a.guards;
      return { axon: 'axon', hooks: 'hooks', start: async () => ({ port: 18_091 }), stop: async () => {} };
    },
    createDendrite: () => 'dendrite',
  };
  const controller = new AbortController();
  const signal = controller.signal;
  const miner = await startMiner({
    config: r.config,
    signer,
    chain,
    cache,
    ports,
    logger,
    metrics: createNeuronMetrics({ role: 'miner', netuid: 2 }),
    hooks: hooks ?? { attach: (axon, guards) => void attached.push(`${axon}+${guards}`) },
    pluginCtx: { options: undefined } as unknown as PluginContext<unknown>,
    events: new NeuronEventBus(),
    signal,
    interfaces,
  });
  return { miner, state, posted, cache, attached, guards: guards!, controller };
}

describe('startMiner', () => {
  it('serves, posts axon info, and posts again only when the chain copy changes', async () => {
    const m = await setup(['--axon.ip', '127.0.0.2', '--axon.port', '18091']);
    expect(m.attached).toEqual(['axon+hooks']);
    expect(m.posted).toEqual([{ ip: '127.0.0.2', port: 18_091 }]);
    m.state.mg = { ...metagraph(18_091), block: 5 };
    await m.cache.refresh();
    expect(m.posted).toHaveLength(1);
    // Someone (a re-registration, a reset) changed the chain's copy: post ours again.
    m.state.mg = { ...metagraph(9_999), block: 10 };
    await m.cache.refresh();
    await waitFor('the axon posted again', () => m.posted.length >= 2, { timeoutMs: 20_000, intervalMs: 5 });
    expect(m.posted).toHaveLength(2);
    await m.miner.stop();
    m.state.mg = { ...metagraph(1), block: 15 };
    await m.cache.refresh();
    expect(m.posted).toHaveLength(2);
  });

  it('posts the external ip and port when given, and nothing for a bind-all axon without one', async () => {
    const nat = await setup(['--axon.external_ip', '203.0.113.7', '--axon.external_port', '443']);
    expect(nat.posted).toEqual([{ ip: '203.0.113.7', port: 443 }]);
    const bindAll = await setup([]);
    expect(bindAll.posted).toEqual([]);
  });

  it("bound to every interface: posts this machine's public address, or on a local chain a loopback one", async () => {
    const pub = await setup([], { ...loopbackOnly, eth0: [nic('198.51.100.4')] });
    expect(pub.posted).toEqual([{ ip: '198.51.100.4', port: 18_091 }]);
    const local = await setup(['--subtensor.network', 'local']);
    expect(local.posted).toEqual([{ ip: '127.0.0.2', port: 18_091 }]);
  });

  it('runs a miner without an axon: its work loop only, nothing posted', async () => {
    const rounds: number[] = [];
    const m = await setup(['--axon.ip', '127.0.0.2'], loopbackOnly, {
      run: async () => {
        rounds.push(Date.now());
        return 0.01;
      },
    });
    await waitFor('two rounds of the work loop', () => rounds.length > 1, {
      timeoutMs: 20_000,
      intervalMs: 10,
    });
    expect(m.miner.axonPort).toBeUndefined();
    expect(m.posted).toEqual([]);
    expect(m.attached).toEqual([]);
    expect(rounds.length).toBeGreaterThan(1);
    m.controller.abort();
    await m.miner.stop();
  });

  it('guards callers with the cached metagraph: validator with permit in, others out', async () => {
    const m = await setup(['--axon.ip', '127.0.0.2', '--blacklist.min_stake', '100']);
    expect(m.guards.judge(validator)).toEqual({ allow: true, uid: 0 });
    expect(m.guards.judge(signer.ss58Address)).toMatchObject({ allow: false });
    expect(m.guards.judge(Keypair.fromUri('//Stranger').ss58Address)).toMatchObject({ allow: false });
    expect(m.guards.priority(validator)).toBe(500);
  });
});
