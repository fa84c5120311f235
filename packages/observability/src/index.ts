export * from './logger';
export * from './metrics';
export * from './http';
export * from './born-at-zero';
