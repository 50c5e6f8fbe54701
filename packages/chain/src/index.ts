export * from './actions/index.js';
export * from './client/index.js';
export * from './commitments/index.js';
export * from './encoding/index.js';
export * from './errors/index.js';
export * from './localnet/index.js';
export * from './tx/index.js';
export * from './weights/index.js';
