/** The slice of a pino logger the weights actions use; pass `pino()` or a child of it. */
export interface WeightsLogger {
  info(obj: Record<string, unknown>, msg: string): void;
  warn(obj: Record<string, unknown>, msg: string): void;
}

export const silentLogger: WeightsLogger = {
  info() {},
  warn() {},
};
