export * from './common';
export * from './topics';
export * from './red-flags';
export * from './reasons';
export * from './api';
export * from './events';
export * from './problem';
export * from './practice';
