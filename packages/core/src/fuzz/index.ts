export * from './lcg.js';
export * from './loop.js';
export * from './mutate.js';
