import { runCapacityStoreContract } from './capacity-store.contract';
import { MemoryCapacityStore } from './memory-capacity-store';

runCapacityStoreContract('memory', async () => {
  const store = new MemoryCapacityStore();
  return { store, peer: () => store, cleanup: async () => undefined };
});
