export * from './adapters';
export * from './lag-monitor';
export * from './shutdown';
export * from './redis-topology';
export * from './store-watch';
