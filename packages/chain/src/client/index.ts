export { type BackoffOptions, BackoffWsProvider, reconnectDelay } from './backoffProvider.js';
export { type ChainClient, type ConnectOptions, connect, mapError } from './connect.js';
export { type EndpointSelection, NETWORKS, type NetworkName, resolveEndpoint } from './networks.js';
export { SUBTENSOR_SIGNED_EXTENSIONS } from './signedExtensions.js';
