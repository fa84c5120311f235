export * from './adapters';
export * from './lag-monitor';
export * from './shutdown';
