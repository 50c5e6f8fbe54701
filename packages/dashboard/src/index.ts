export { DashboardError } from './dashboardError.js';
export type {
  ComponentValue,
  Components,
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
export { CONTENT_SECURITY_POLICY, safeJson } from './http/securityHeaders.js';
export type { DashboardHandler, HandlerLimits } from './http/dashboardHandler.js';
export {
  type Dashboard,
  DEFAULT_MAX_BYTES,
  DEFAULT_RETENTION_DAYS,
  type DashboardOptions,
  openDashboard,
} from './openDashboard.js';
export type { DashboardLogger, DashboardRecorder } from './recorder.js';
