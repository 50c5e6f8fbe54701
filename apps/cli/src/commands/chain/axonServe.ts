import { DEFAULT_AXON_VERSION, serveAxon } from '@taonode/chain';
import type { Command } from 'commander';
import {
  action,
  addWalletOptions,
  loadHotkey,
  loadWalletFromOptions,
  printJson,
  printLine,
  type WalletFlags,
} from '../../io/index.js';
import {
  addChainOptions,
  type ChainFlags,
  parseCount,
  parseNetuid,
  parsePort,
  withChain,
} from './chainOptions.js';

interface Flags extends ChainFlags, WalletFlags {
  netuid: number;
  ip: string;
  port: number;
  json?: boolean;
}

/** `taonode axon serve`: announce the hotkey's axon ip:port on a subnet (hotkey-signed, fee-free). */
export function registerAxonCommands(program: Command): void {
  const axon = program.command('axon').description('Axon announcement on chain');
  const cmd = axon
    .command('serve')
    .description("Publish the wallet hotkey's axon address on a subnet (serve_axon; skipped when unchanged)")
    .requiredOption('--netuid <n>', 'subnet id', parseNetuid)
    .requiredOption(
      '--ip <address>',
      'public IPv4/IPv6 address (127.0.0.1 is refused by the chain; 127.0.0.2 works locally)',
    )
    .requiredOption('--port <port>', 'axon port', parsePort)
    .option('--axon.version <n>', 'version_as_int to announce', parseCount, DEFAULT_AXON_VERSION)
    .option('--json', 'print {"netuid","hotkey","ip","port","changed"}');
  addChainOptions(addWalletOptions(cmd)).action(
    action(async (opts: Flags & { 'axon.version'?: number }) => {
      const hotkey = await loadHotkey(loadWalletFromOptions(opts));
      const version = opts['axon.version'] ?? DEFAULT_AXON_VERSION;
      const r = await withChain(opts, (client) =>
        serveAxon(client, { signer: hotkey, netuid: opts.netuid, ip: opts.ip, port: opts.port, version }),
      );
      if (opts.json) {
        printJson({
          netuid: opts.netuid,
          hotkey: hotkey.ss58Address,
          ip: opts.ip,
          port: opts.port,
          changed: r.changed,
        });
      } else if (r.changed) {
        printLine(`axon ${opts.ip}:${opts.port} served for ${hotkey.ss58Address} on subnet ${opts.netuid}`);
      } else {
        printLine(`axon ${opts.ip}:${opts.port} already on chain for ${hotkey.ss58Address}; nothing sent`);
      }
    }),
  );
}
