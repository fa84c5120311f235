export * from './adapters';
export * from './lag-monitor';
export * from './shutdown';
export * from './store-watch';
