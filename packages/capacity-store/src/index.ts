export * from './capacity-store';
export { MemoryCapacityStore } from './memory-capacity-store';
export { RedisCapacityStore, type RedisCapacityStoreOptions } from './redis-capacity-store';
export { practiceKeys } from './redis-keys';
export * from './practice-repository';
export { MemoryPracticeRepository } from './memory-practice-repository';
export { RedisPracticeRepository } from './redis-practice-repository';
