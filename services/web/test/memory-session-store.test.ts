import { MemorySessionStore, runSessionStoreContract } from '../src';

let now = 1_000_000;
runSessionStoreContract('memory', async () => ({
  store: new MemorySessionStore(() => now),
  elapse: async (seconds) => {
    now += seconds * 1000;
  },
  cleanup: async () => undefined,
}));

describe('MemorySessionStore', () => {
  it('security: keeps at most maxSessions, dropping the least recently saved (pre-sessions cannot fill memory)', async () => {
    const store = new MemorySessionStore(() => 0, 2);
    const s = (id: string) => ({ id, csrf: 'c', principal: null, createdAt: 0, notAfter: 1 });
    await store.set(s('a'), 60);
    await store.set(s('b'), 60);
    await store.set(s('a'), 60); // renewed: now the most recent
    await store.set(s('c'), 60);
    expect(await store.get('b')).toBeNull();
    expect(await store.get('a')).not.toBeNull();
    expect(await store.get('c')).not.toBeNull();
  });
});
