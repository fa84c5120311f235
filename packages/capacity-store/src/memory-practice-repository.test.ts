import { MemoryPracticeRepository } from './memory-practice-repository';
import { runPracticeRepositoryContract } from './practice-repository.contract';

runPracticeRepositoryContract('memory', async () => ({
  repo: new MemoryPracticeRepository(),
  cleanup: async () => undefined,
}));
