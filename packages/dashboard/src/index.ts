export { DashboardError } from './dashboardError.js';
export type {
  Components,
  ComponentValue,
  FiguresEvent,
  MinerRequestEvent,
  NeuronIdentity,
  NeuronRole,
  RequestOutcome,
  StepMinerResult,
  ValidatorStepEvent,
  WeightsMode,
  WeightsSetEvent,
} from './events.js';
export { isLoopbackHost } from './http/auth.js';
export type { DashboardHandler, HandlerLimits } from './http/dashboardHandler.js';
export { CONTENT_SECURITY_POLICY, safeJson } from './http/securityHeaders.js';
export {
  type Dashboard,
  type DashboardOptions,
  DEFAULT_MAX_BYTES,
  DEFAULT_RETENTION_DAYS,
  openDashboard,
} from './openDashboard.js';
export type { DashboardLogger, DashboardRecorder } from './recorder.js';
