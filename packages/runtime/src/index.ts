export * from './adapters';
