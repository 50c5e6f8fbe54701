// The SN21 parts of `taonode demo` (and of a local try-out): the tiny models and rows, and the
// stand-in hub. They use the test models, so a real daemon never imports this entry.
export {
  type ModelHubStandIn,
  STAND_IN_CLOCK_OFFSET_MS,
  startModelHubStandIn,
} from './modelHubStandIn.js';
export { prepareSn21Demo, type Sn21DemoFiles } from './prepareSn21Demo.js';
