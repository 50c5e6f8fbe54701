/** Ends a daemon on purpose with a message for the operator and a pm2-aware exit code. */
export class NeuronExit extends Error {
  override readonly name = 'NeuronExit';
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}
