import { runDeliveryLedgerContract } from './delivery-ledger.contract';
import { MemoryDeliveryLedger } from './delivery-ledger';
import { runHoldStoreContract } from './hold-store.contract';
import { MemoryHoldStore } from './hold-store';
import { runRateLimitContract } from './rate-limits.contract';
import { MemoryRecipientLimiter, MemoryTokenBucket } from './rate-limits';

runDeliveryLedgerContract('memory', async () => ({ ledger: new MemoryDeliveryLedger(), cleanup: async () => undefined }));
runRateLimitContract('memory', async () => ({
  bucket: (s) => new MemoryTokenBucket(s),
  recipients: (l) => new MemoryRecipientLimiter(l),
  cleanup: async () => undefined,
}));
runHoldStoreContract('memory', async () => ({ holds: new MemoryHoldStore(), cleanup: async () => undefined }));
