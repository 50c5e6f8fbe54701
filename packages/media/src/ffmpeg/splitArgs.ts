import { MediaInputError } from '../errors.js';

export interface SplitInput {
  /** Options that precede this input's `-i` (global options ride along with the first input). */
  options: string[];
  source: string;
}

export interface SplitCommand {
  inputs: SplitInput[];
  outputOptions: string[];
  /** The output file, or `-` for stdout. */
  target: string;
}

/**
 * Maps an ffmpeg command line onto fluent-ffmpeg's model (inputs with their options, one output
 * with its options). Joining the parts back in order gives the same command line, so both runners
 * run the same arguments. Assumes ffmpeg's own convention: the last argument is the output.
 */
export function splitArgs(args: readonly string[]): SplitCommand {
  const inputs: SplitInput[] = [];
  let pending: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const source = args[i + 1];
    if (args[i] === '-i' && source !== undefined) {
      inputs.push({ options: pending, source });
      pending = [];
      i++;
    } else {
      pending.push(args[i] as string);
    }
  }
  const target = pending.pop();
  if (inputs.length === 0 || target === undefined) {
    throw new MediaInputError('an ffmpeg command needs at least one "-i <input>" followed by an output');
  }
  return { inputs, outputOptions: pending, target };
}
