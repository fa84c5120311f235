export { defaultCalendar, type MonitorDeps } from './deps';
export {
  authenticate,
  authenticateKey,
  canReach,
  hashKey,
  newClientKey,
  newOperatorKey,
  newPracticeKey,
  principalStillValid,
  type Principal,
} from './keys';
export { PracticeContext, PracticeContextCache } from './practice-context';
export { createPracticeMonitor, type PracticeMonitor, type PracticeState } from './practice-monitor';
export {
  createPracticeAdmin,
  type PracticeAdmin,
  type PracticeAdminDeps,
  type PracticeView,
  type PauseResult,
} from './practice-admin';
export { createPlanning, MAX_FORECAST_DAYS, type Planning, type PlanningDeps, type PlannedDay } from './planning';
export { MemoryDemandHistory, type DemandHistory } from './planning-deps';
export { cancelledText, type WaitingItem, type ActOnResult, type WaitingAdmin } from './waiting-admin';
export {
  decidedEvent,
  payloadOf,
  publishDecisions,
  screeningFacts,
  type AnnouncePayload,
  type ScreeningFacts,
} from './decision-event';
export { expectedDayAt, upcomingFree } from './expected-day';
