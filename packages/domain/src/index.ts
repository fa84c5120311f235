export * from './bank-holidays';
export * from './calendar';
export * from './capacity';
export * from './levels';
