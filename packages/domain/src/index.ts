export * from './bank-holidays';
export * from './calendar';
export * from './capacity';
export * from './levels';
export * from './pharmacy-first';
export * from './pause';
