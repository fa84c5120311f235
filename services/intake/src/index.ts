export { createIntakeRouter, createStatusReader, type IntakeDeps, type StatusReader } from './intake-router';
export { startStatusProjector, statusFromDecision } from './status-projector';
export type { Screen, ScreenResult } from './screen';
