export { createIntakeRouter, createStatusReader, intakeFastRoutes, type IntakeDeps, type StatusReader } from './intake-router';
export { requestedEvent } from './take-request';
export { startStatusProjector, statusFromDecision } from './status-projector';
export type { Screen, ScreenResult } from './screen';
