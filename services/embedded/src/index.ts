export { startSluice, ROLES, type Role, type Sluice, type SluiceOptions } from './sluice';
