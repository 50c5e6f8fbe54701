/** The structured logger the SN21 daemons' logic writes to (a pino logger fits). */
export interface Sn21Logger {
  info(details: Record<string, unknown>, message: string): void;
  warn(details: Record<string, unknown>, message: string): void;
  error(details: Record<string, unknown>, message: string): void;
}
