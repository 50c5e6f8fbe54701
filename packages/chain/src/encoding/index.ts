export { axonIpProblem, decodeIp, type EncodedIp, encodeIp } from './axonIp.js';
export {
  AXON_PROTOCOL,
  encodeServeAxonCall,
  SERVE_AXON_CALL_INDEX,
  type ServeAxonArgs,
  SUBTENSOR_PALLET_INDEX,
  versionAsInt,
} from './serveAxonCall.js';
