/** The contract both hold stores pass. */
import { randomUUID } from 'node:crypto';
import type { HeldMessage, HoldStore } from './hold-store';
import { exampleDecision } from './templates/doc';

export function runHoldStoreContract(
  name: string,
  factory: () => Promise<{ holds: HoldStore; cleanup: () => Promise<void> }>,
): void {
  describe(`HoldStore contract: ${name}`, () => {
    let holds: HoldStore;
    let cleanup: () => Promise<void>;
    beforeAll(async () => ({ holds, cleanup } = await factory()));
    afterAll(async () => cleanup());
    const message = (): HeldMessage => {
      const decision = { ...exampleDecision('accepted-routine'), id: randomUUID() };
      return {
        reference: `${decision.id}:1`,
        decision,
        source: { topic: 'consultation.decided.v1', partition: 0, offset: '7' },
      };
    };

    it('happy: a pause is shared and read back', async () => {
      const type = `notify:sms:${randomUUID()}`;
      expect(await holds.pausedUntil(type)).toBeNull();
      await holds.pause(type, new Date('2026-12-01T00:00:00Z'));
      expect((await holds.pausedUntil(type))?.toISOString()).toBe('2026-12-01T00:00:00.000Z');
    });

    it('happy: held messages come back once due, whole, and leased so a second sweep does not take them', async () => {
      const m = message();
      const now = new Date('2030-01-01T00:00:00Z');
      await holds.park(m, new Date(now.getTime() + 1000));
      expect((await holds.takeDue(now, 100, 60_000)).map((h) => h.reference)).not.toContain(m.reference);
      const later = new Date(now.getTime() + 2000);
      const due = await holds.takeDue(later, 100, 60_000);
      const mine = due.find((h) => h.reference === m.reference);
      expect(mine).toEqual(m);
      expect((await holds.takeDue(later, 100, 60_000)).map((h) => h.reference)).not.toContain(m.reference);
      // The lease ran out (the sweeper died): the next sweep gets it again.
      expect((await holds.takeDue(new Date(later.getTime() + 61_000), 100, 60_000)).map((h) => h.reference)).toContain(
        m.reference,
      );
      await holds.remove(m.reference);
      expect(
        (await holds.takeDue(new Date(later.getTime() + 999_999), 100, 60_000)).map((h) => h.reference),
      ).not.toContain(m.reference);
    });
  });
}
