import { TaonodeError } from '@taonode/kit';

/** Ends a daemon on purpose with a message for the operator and a pm2-aware exit code. */
export class NeuronExit extends TaonodeError {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message, { details: { exitCode } });
  }
}
