import type { Command } from 'commander';
import { registerList } from './list.js';
import { registerNewColdkey } from './newColdkey.js';
import { registerNewHotkey } from './newHotkey.js';
import { registerRegenColdkey } from './regenColdkey.js';
import { registerRegenColdkeypub } from './regenColdkeypub.js';
import { registerRegenHotkey } from './regenHotkey.js';
import { registerShow } from './show.js';
import { registerSign } from './sign.js';
import { registerVerify } from './verify.js';

export function registerWalletCommands(program: Command): void {
  const wallet = program
    .command('wallet')
    .description('Create, regenerate, list and use btcli-compatible wallets');
  registerNewColdkey(wallet);
  registerNewHotkey(wallet);
  registerRegenColdkey(wallet);
  registerRegenHotkey(wallet);
  registerRegenColdkeypub(wallet);
  registerList(wallet);
  registerShow(wallet);
  registerSign(wallet);
  registerVerify(wallet);
}
