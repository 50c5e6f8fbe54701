export { writeBenchResult } from './benchResult.js';
export { median, medianBreakdown, quantile } from './benchStats.js';
