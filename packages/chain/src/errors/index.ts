export {
  ChainDecodeError,
  ChainDisconnectedError,
  ChainError,
  ChainInputError,
  ChainTimeoutError,
  ChainUnreachableError,
} from './chainError.js';
export { decodeDispatchError } from './dispatchError.js';
export { ERROR_HINTS, hintFor } from './hints.js';
export { decodePoolError, SUBTENSOR_CUSTOM_ERRORS } from './poolError.js';
