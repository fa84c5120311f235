import { randomBytes } from 'node:crypto';
import type { Session, SessionStore } from './session-store';

export interface SessionStoreFixture {
  store: SessionStore;
  /** Moves the store's clock on (memory) or waits (Redis); resolves once `seconds` have passed for the store. */
  elapse: (seconds: number) => Promise<void>;
  cleanup: () => Promise<void>;
}

const session = (over: Partial<Session> = {}): Session => ({
  id: randomBytes(32).toString('base64url'),
  csrf: randomBytes(32).toString('base64url'),
  principal: { role: 'practice', practice: 'A81001', keyId: 'k1' },
  createdAt: 1,
  notAfter: 2,
  ...over,
});

/** The one suite every SessionStore passes. */
export function runSessionStoreContract(name: string, factory: () => Promise<SessionStoreFixture>): void {
  describe(`SessionStore contract: ${name}`, () => {
    let fx: SessionStoreFixture;
    beforeAll(async () => {
      fx = await factory();
    });
    afterAll(async () => fx.cleanup());

    it('happy: a saved session is read back whole, by its id only', async () => {
      const s = session();
      await fx.store.set(s, 60);
      expect(await fx.store.get(s.id)).toEqual(s);
      expect(await fx.store.get(session().id)).toBeNull();
    });

    it('happy: saving again replaces the session (a renewed idle timeout, a changed principal)', async () => {
      const s = session({ principal: null });
      await fx.store.set(s, 60);
      await fx.store.set({ ...s, principal: { role: 'operator' } }, 60);
      expect((await fx.store.get(s.id))?.principal).toEqual({ role: 'operator' });
    });

    it('security: a destroyed session is gone', async () => {
      const s = session();
      await fx.store.set(s, 60);
      await fx.store.destroy(s.id);
      expect(await fx.store.get(s.id)).toBeNull();
      await expect(fx.store.destroy(s.id)).resolves.toBeUndefined();
    });

    it('security: a session expires after its idle timeout', async () => {
      const s = session();
      await fx.store.set(s, 1);
      await fx.elapse(1.2);
      expect(await fx.store.get(s.id)).toBeNull();
    });
  });
}
