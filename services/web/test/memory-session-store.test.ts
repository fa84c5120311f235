import { MemorySessionStore } from '../src';
import { runSessionStoreContract } from '../src/session/session-store.contract';

let now = 1_000_000;
runSessionStoreContract('memory', async () => ({
  store: new MemorySessionStore(() => now),
  elapse: async (seconds) => {
    now += seconds * 1000;
  },
  cleanup: async () => undefined,
}));

describe('MemorySessionStore', () => {
  it('security: keeps at most maxPreSessions pre-sessions, dropping the least recently saved (they cannot fill memory)', async () => {
    const store = new MemorySessionStore(() => 0, 2, 2);
    const s = (id: string) => ({ id, csrf: 'c', principal: null, createdAt: 0, notAfter: 1 });
    await store.set(s('a'), 60);
    await store.set(s('b'), 60);
    await store.set(s('a'), 60); // renewed: now the most recent
    await store.set(s('c'), 60);
    expect(await store.get('b')).toBeNull();
    expect(await store.get('a')).not.toBeNull();
    expect(await store.get('c')).not.toBeNull();
  });

  it('security: a flood of anonymous pre-sessions never evicts a signed-in session', async () => {
    const store = new MemorySessionStore(() => 0, 100, 100);
    const signedIn = { id: 'manager', csrf: 'c', principal: { role: 'operator' as const }, createdAt: 0, notAfter: 1 };
    await store.set(signedIn, 60);
    for (let i = 0; i < 10_050; i++)
      await store.set({ id: `anon-${i}`, csrf: 'c', principal: null, createdAt: 0, notAfter: 1 }, 60);
    expect(await store.get('manager')).toMatchObject({ principal: { role: 'operator' } });
    expect(await store.get('anon-0')).toBeNull();
    expect(await store.get('anon-10049')).not.toBeNull();
  });

  it('happy: signing in moves a pre-session to the signed-in sessions (it keeps its id)', async () => {
    const store = new MemorySessionStore(() => 0, 100, 1);
    await store.set({ id: 'x', csrf: 'c', principal: null, createdAt: 0, notAfter: 1 }, 60);
    await store.set({ id: 'x', csrf: 'c', principal: { role: 'operator' }, createdAt: 0, notAfter: 1 }, 60);
    await store.set({ id: 'y', csrf: 'c', principal: null, createdAt: 0, notAfter: 1 }, 60);
    expect(await store.get('x')).toMatchObject({ principal: { role: 'operator' } });
  });
});
