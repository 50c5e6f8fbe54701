/**
 * The dashboard's one error class: a short message plus details. It will extend the shared error base
 * once the leaf helpers package lands; until then it stands on `Error` alone.
 */
export class DashboardError extends Error {
  override readonly name = 'DashboardError';

  constructor(
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}
