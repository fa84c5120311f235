export { startCapacityService, type CapacityService, type CapacityServiceDeps } from './capacity-service';
export { createAdminRouter, type AdminDeps } from './admin-router';
export { createDecider } from './decider';
export { defaultCalendar } from './deps';
export { createPracticeMonitor, type PracticeMonitor, type PracticeState } from './practice-monitor';
export {
  authenticate,
  authenticateKey,
  canReach,
  hashKey,
  newClientKey,
  newOperatorKey,
  newPracticeKey,
  principalStillValid,
  requireAuth,
  type Principal,
} from './auth';
export { PracticeContext } from './practice-context';
export {
  createPracticeAdmin,
  type PracticeAdmin,
  type PracticeAdminDeps,
  type PracticeView,
  type PauseResult,
} from './practice-admin';
export { createPlanning, type Planning, type PlanningDeps, type PlannedDay } from './planning';
export { createPlanningRouter, type PlanningRouterDeps } from './planning-router';
export { MemoryDemandHistory, type DemandHistory } from './planning-deps';
export { cancelledText, type WaitingItem, type ActOnResult, type WaitingAdmin } from './waiting-admin';
