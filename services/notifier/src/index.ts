export * from './channel';
export { LogChannel } from './log-channel';
export * from './delivery-ledger';
export { startNotifier, render, type NotifierDeps } from './notifier';
