import { TaonodeError } from '@taonode/kit';

/** The dashboard's one error class: a short message plus details, on the shared error base. */
export class DashboardError extends TaonodeError {
  constructor(message: string, details: Readonly<Record<string, unknown>> = {}) {
    super(message, { details: { ...details } });
  }
}
