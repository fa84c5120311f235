import type { ConsultationRequestedV1, PracticeConfig } from '@sluice/contracts';
import type { PracticeRepository } from '@sluice/capacity-store';

/**
 * The optional per-patient limit (off by default): how many routine clinical requests a patient has
 * open in the practice's window, keyed by the salted contact hash intake sends, never the contact.
 * A batch is planned before any of it is stored, so each request planned counts against the ones
 * after it in the same batch: two from one patient in one batch cannot both slip under the limit.
 * (One practice's requests are consumed in order by one consumer.)
 */
export function createFairUseTracker(repo: PracticeRepository, now: Date) {
  const inBatch = new Map<string, number>();
  const applies = (e: ConsultationRequestedV1, config: PracticeConfig) =>
    config.fairUse.enabled && e.contactHash !== undefined && e.kind === 'clinical' && e.urgency === 'routine';
  const key = (e: ConsultationRequestedV1) => `${e.practice}|${e.contactHash}`;

  return {
    async context(
      e: ConsultationRequestedV1,
      config: PracticeConfig,
    ): Promise<{ fairUse?: { openRecent: number; overridden: boolean } }> {
      if (!applies(e, config)) return {};
      const since = now.getTime() - config.fairUse.windowHours * 3600_000;
      const [stored, overridden] = await Promise.all([
        repo.countRecentRoutine(e.practice, e.contactHash!, since),
        repo.hasFairUseOverride(e.practice, e.contactHash!, now.getTime()),
      ]);
      const earlier = inBatch.get(key(e)) ?? 0;
      inBatch.set(key(e), earlier + 1);
      return { fairUse: { openRecent: stored + earlier, overridden } };
    },
    async record(e: ConsultationRequestedV1, config: PracticeConfig, outcome: string): Promise<void> {
      if (!applies(e, config) || (outcome !== 'accepted' && outcome !== 'queued')) return;
      await repo.recordRoutine(e.practice, e.contactHash!, e.id, now.getTime(), config.fairUse.windowHours * 3600);
    },
  };
}
