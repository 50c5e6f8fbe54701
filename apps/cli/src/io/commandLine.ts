import { type Command, CommanderError } from 'commander';
import { UsageError } from './cliError.js';
import { reportError } from './errorReport.js';

/** commander's own refusal (unknown option, bad value, missing option, unknown command) and where. */
export class CommandLineError extends Error {
  constructor(
    readonly commander: CommanderError,
    readonly command: Command,
  ) {
    super(commander.message);
    this.name = 'CommandLineError';
  }
}

/** `taonode localnet advance`: the words an operator types for `cmd`. */
export function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c !== null; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

function* allCommands(cmd: Command): Generator<Command> {
  yield cmd;
  for (const sub of cmd.commands) yield* allCommands(sub);
}

/**
 * Makes commander throw instead of exiting and keeps it from printing its own error and the whole
 * help; runProgram turns the refusal into one line and exit 2. Call once every command is added.
 */
export function throwCommandLineErrors(program: Command): void {
  for (const cmd of allCommands(program)) {
    cmd.exitOverride((error) => {
      throw new CommandLineError(error, cmd);
    });
    cmd.configureOutput({ outputError: () => undefined }).showHelpAfterError(false);
  }
}

/** What commander reports after printing help or the version itself: not failures. */
const SHOWN = new Set(['commander.helpDisplayed', 'commander.version']);

/**
 * Sets the exit code for a command-line refusal: 0 after --help/--version, 2 after help shown for a
 * missing subcommand, else one `error: … — see: taonode x --help` line (plus the JSON error object
 * with --json) and 2.
 */
export function reportCommandLineError(
  error: CommandLineError,
  options: { json?: boolean; argv?: readonly string[] } = {},
): void {
  const { code } = error.commander;
  if (SHOWN.has(code)) {
    process.exitCode = 0;
    return;
  }
  if (code === 'commander.help') {
    // `taonode help x` shows help on purpose (0); a group called without a subcommand (1) is a usage error.
    process.exitCode = error.commander.exitCode === 0 ? 0 : 2;
    return;
  }
  // commander checks required options before unknown ones; `--netuidd 2` should say what is wrong.
  const unknown =
    code === 'commander.missingMandatoryOptionValue'
      ? unknownOption(error.command, options.argv ?? [])
      : undefined;
  const message =
    unknown === undefined
      ? error.commander.message.replace(/^error:\s*/i, '')
      : `unknown option '${unknown}'`;
  reportError(new UsageError(message, `see: ${commandPath(error.command)} --help`), options);
}

/** The first `--flag` in argv that neither `cmd` nor its parents define. */
function unknownOption(cmd: Command, argv: readonly string[]): string | undefined {
  const known: Command[] = [];
  for (let c: Command | null = cmd; c !== null; c = c.parent) known.push(c);
  const isKnown = (flag: string) =>
    flag === '--help' ||
    flag === '-h' ||
    known.some((c) => c.options.some((o) => o.long === flag || o.short === flag));
  for (const token of argv) {
    if (token === '--') break;
    if (!token.startsWith('--')) continue;
    const flag = token.split('=')[0]!;
    if (!isKnown(flag)) return flag;
  }
  return undefined;
}

export { CommanderError };
