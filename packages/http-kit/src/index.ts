export * from './app';
export * from './problem';
export * from './fast-path';
export * from './reply';
