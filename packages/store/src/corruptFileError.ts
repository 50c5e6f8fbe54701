import { TaonodeError } from '@taonode/kit';

/** A file this package keeps is damaged where it cannot mend itself; `where` is a byte or a line. */
export class CorruptFileError extends TaonodeError {
  constructor(what: string, file: string, where: string, reason: string, hint: string) {
    super(`${what} ${file} is ${where} (${reason}); ${hint}`, { hint, details: { file, where, reason } });
  }
}
