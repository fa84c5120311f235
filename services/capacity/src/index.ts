export { startCapacityService, type CapacityService, type CapacityServiceDeps } from './capacity-service';
export { createAdminRouter, type AdminDeps } from './admin-router';
export { createDecider } from './decider';
export { requireAuth } from './require-auth';
export { createPlanningRouter, type PlanningRouterDeps } from './planning-router';
