export * from './builders.js';
export * from './contract.js';
export * from './liveness.js';
export * from './nodes.js';
export * from './types.js';
export * from './walk.js';
