export { createIntakeRouter, intakeFastRoutes, type IntakeDeps } from './intake-router';
export { requestedEvent } from './take-request';
export { startStatusProjector, statusFromDecision } from './status-projector';
export type { Screen, ScreenResult } from './screen';
export {
  canPostFor,
  createClientDirectory,
  type ClientDirectory,
  type ClientDirectoryOptions,
  type IntakePrincipal,
} from './clients';
export { createIntakeLimiter, type IntakeLimiter, type IntakeLimiterOptions, type LimitResult } from './rate-limits';
