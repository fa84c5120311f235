export * from './bank-holidays';
export * from './calendar';
