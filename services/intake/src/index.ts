export { createIntakeRouter, type IntakeDeps } from './intake-router';
export { startStatusProjector, statusFromDecision } from './status-projector';
export type { Screen, ScreenResult } from './screen';
