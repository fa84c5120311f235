export { startCapacityService, type CapacityService, type CapacityServiceDeps } from './capacity-service';
export { createAdminRouter, type AdminDeps } from './admin-router';
export { createDecider, defaultCalendar } from './decider';
export { createPracticeMonitor, type PracticeMonitor, type PracticeState } from './practice-monitor';
export { authenticate, authenticateKey, canReach, hashKey, newOperatorKey, newPracticeKey, principalStillValid, requireAuth, type Principal } from './auth';
export { PracticeContext } from './practice-context';
export { createPracticeAdmin, type PracticeAdmin, type PracticeAdminDeps, type PracticeView, type PauseResult } from './practice-admin';
