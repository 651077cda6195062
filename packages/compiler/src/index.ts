export * from './compile.js';
export * from './frontend/errors.js';
export * from './ir/index.js';
