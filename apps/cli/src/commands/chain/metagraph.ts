import { formatTao, getMetagraph, type Metagraph, raoToTao } from '@taonode/chain';
import type { Command } from 'commander';
import { action, printJson, printLine } from '../../io/index.js';
import { addChainOptions, type ChainFlags, jsonSafe, parseNetuid, withChain } from './chainOptions.js';

/** `taonode metagraph --netuid N [--json]`. */
export function registerMetagraphCommand(program: Command): void {
  const cmd = program
    .command('metagraph')
    .description("Show a subnet's neurons (stake, scores, permits, axons) and weight-setting hyperparameters")
    .requiredOption('--netuid <n>', 'subnet id', parseNetuid)
    .option('--json', 'print the whole metagraph as JSON (rao amounts as decimal strings)')
    .option('--no-weights', "with --json: leave out each uid's stored weights (one storage read less)");
  addChainOptions(cmd).action(
    action(async (opts: ChainFlags & { netuid: number; json?: boolean; weights: boolean }) => {
      const withWeights = opts.json === true && opts.weights;
      const mg = await withChain(opts, (client) =>
        getMetagraph(client, { netuid: opts.netuid, weights: withWeights }),
      );
      if (opts.json) printJson(jsonSafe(mg) as Record<string, unknown>);
      else printTable(mg);
    }),
  );
}

function printTable(mg: Metagraph): void {
  const h = mg.hyperparameters;
  printLine(
    `subnet ${mg.netuid} "${mg.name}" at block ${mg.block}: ${mg.neurons.length}/${h.maxUids} neurons, tempo ${h.tempo}, ` +
      `burn ${formatTao(h.burn)}`,
  );
  printLine(
    `weights: rate limit ${h.weightsRateLimit} blocks, min ${h.minAllowedWeights}, max limit ${h.maxWeightLimit.toFixed(4)}, ` +
      `version key ${h.weightsVersionKey}, commit-reveal ${h.commitRevealEnabled ? `on (${h.commitRevealPeriod} epoch reveal)` : 'off'}`,
  );
  const header = [
    'UID',
    'HOTKEY',
    'COLDKEY',
    'STAKE α',
    'TRUST',
    'CONS',
    'INCENT',
    'DIVS',
    'EMISSION',
    'VP',
    'UPDATED',
    'AXON',
  ];
  const rows = mg.neurons.map((n) => [
    String(n.uid),
    short(n.hotkey),
    short(n.coldkey),
    raoToTao(n.totalStake).toFixed(4),
    n.trust.toFixed(4),
    n.consensus.toFixed(4),
    n.incentive.toFixed(4),
    n.dividends.toFixed(4),
    raoToTao(n.emission).toFixed(6),
    n.validatorPermit ? '*' : '',
    String(n.lastUpdate),
    n.axon.serving ? `${n.axon.ip}:${n.axon.port}` : '-',
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i >= 3 && i <= 8 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  printLine(line(header));
  for (const r of rows) printLine(line(r));
}

function short(address: string): string {
  return address.length > 12 ? `${address.slice(0, 5)}…${address.slice(-4)}` : address;
}
