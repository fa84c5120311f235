import { createIntakeLimiter } from './rate-limits';
import { runIntakeLimiterContract } from './rate-limits.contract';

runIntakeLimiterContract('memory', async () => ({ limiter: createIntakeLimiter(), cleanup: async () => undefined }));
