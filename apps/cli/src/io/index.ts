// Shared CLI plumbing: every `taonode` command uses these for errors, output, prompts and wallets.
export { action } from './action.js';
export { CliError, EXIT, UsageError } from './cliError.js';
export {
  CommandLineError,
  commandPath,
  reportCommandLineError,
  throwCommandLineErrors,
} from './commandLine.js';
export { debugEnabled, reportError } from './errorReport.js';
export { printJson, printLine, printNote } from './output.js';
export { loadHotkey, newPassword, PASSWORD_ENV, unlockColdkey, unlockOptions } from './passwords.js';
export { confirm, isInteractive, promptLine, promptPassword } from './prompt.js';
export {
  addWalletOptions,
  loadWalletFromOptions,
  type WalletFlags,
  walletLocation,
} from './walletOptions.js';
