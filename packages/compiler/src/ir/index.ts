export * from './builders.js';
export * from './contract.js';
export * from './nodes.js';
export * from './types.js';
