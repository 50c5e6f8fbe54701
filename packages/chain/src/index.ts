export * from './commitments/index.js';
export * from './weights/index.js';
