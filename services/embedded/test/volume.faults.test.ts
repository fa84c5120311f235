// Volume: the embedded default (every role in one OS process; in-process bus, memory store and ledger,
// PGlite record in a throwaway data directory) takes 200,000 posts, 64 in flight over keep-alive
// connections, across a few practices whose weekly rota fills within the first few hundred. Then every
// request answered 202 is read back at GET /v1/requests/{id} (all of them, not a sample: the open ones,
// received or queued, must all be there, and nothing is evicted that the patient still waits on), the
// process is alive and ready, and a signed-in operator's console waiting list and ICB overview answer.
// The tally is printed as one line. VOLUME_POSTS overrides the count (a quicker local run).
// About ten minutes on the 2-core machine, so it runs in `pnpm test:faults` only (the package's `test`
// script leaves it out): see docs/faults.md.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startSluiceProcess, type SluiceProcess } from '@sluice/testkit';

const POSTS = Number(process.env.VOLUME_POSTS ?? 200_000);
const IN_FLIGHT = 64;
const OPERATOR = 'volume-operator-key-0123456789abcdef';
const PRACTICES = ['V81001', 'V81002', 'V81003', 'V81004'];
const CONTACTS_A_DAY = 10;
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];
const OPEN = new Set(['received', 'queued']);

jest.setTimeout(900_000);

/** Runs `work(i)` for i in [0, n), `width` at a time. */
async function pool(n: number, width: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      for (let i = next++; i < n; i = next++) await work(i);
    }),
  );
}

/** A browser as far as these pages need one: one session cookie, and the CSRF token of a form. */
class Browser {
  private cookie = '';
  constructor(private readonly base: string) {}
  async get(p: string): Promise<Response> {
    return this.keep(await fetch(`${this.base}${p}`, { headers: { cookie: this.cookie }, redirect: 'manual' }));
  }
  async signIn(key: string): Promise<Response> {
    const form = await (await this.get('/sign-in')).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form)?.[1] ?? '';
    return this.keep(
      await fetch(`${this.base}/sign-in`, {
        method: 'POST',
        headers: { cookie: this.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrf, key }).toString(),
        redirect: 'manual',
      }),
    );
  }
  private keep(res: Response): Response {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      this.cookie = pair!.endsWith('=') ? '' : pair!;
    }
    return res;
  }
}

describe('the embedded default under 200,000 posts', () => {
  let sluice: SluiceProcess;
  let dataDir: string;
  const op = { authorization: `Bearer ${OPERATOR}`, 'content-type': 'application/json' };

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'sluice-volume-'));
    sluice = await startSluiceProcess({
      env: {
        SLUICE_OPERATOR_KEY: OPERATOR,
        SLUICE_NOW: '2026-11-30T10:00:00Z', // a Monday in core hours
        SLUICE_DATA_DIR: dataDir, // the embedded default's PGlite record, in a directory of its own
        LOG_LEVEL: 'warn',
        // The flood is far beyond one practice's or one client's minute: the limits have their own tests.
        SLUICE_PRACTICE_RATE_LIMIT: '10000000',
        SLUICE_CLIENT_RATE_LIMIT: '10000000',
      },
      timeoutMs: 90_000,
    });
    for (
      let i = 0;
      i < 600 &&
      (await fetch(`${sluice.url}/readyz`).then(
        (r) => r.status,
        () => 0,
      )) !== 200;
      i++
    )
      await new Promise((r) => setTimeout(r, 100));
    const day = { clinicians: [{ id: 'gp1', role: 'GP', contacts: CONTACTS_A_DAY }] };
    for (const p of PRACTICES) {
      const res = await fetch(`${sluice.url}/v1/practices/${p}/rota/weekly`, {
        method: 'PUT',
        headers: op,
        body: JSON.stringify(Object.fromEntries(WEEKDAYS.map((d) => [d, day]))),
      });
      expect(res.status).toBe(200);
    }
  });

  afterAll(async () => {
    await sluice?.stop('SIGKILL');
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('safety: every post is answered 202, every open request stays readable, and the pages still work', async () => {
    const t0 = Date.now();
    const by: Record<string, number> = {};
    const ids: string[] = [];
    let errors = 0;
    await pool(POSTS, IN_FLIGHT, async (i) => {
      // A different (fictional, Ofcom drama range) number for each of 1,000 patients.
      const body = JSON.stringify({
        kind: 'clinical',
        description: 'Rash on my arm for two weeks',
        contact: { sms: `07700900${String(i % 1000).padStart(3, '0')}` },
      });
      try {
        const res = await fetch(`${sluice.url}/v1/practices/${PRACTICES[i % PRACTICES.length]}/requests`, {
          method: 'POST',
          headers: op,
          body,
          signal: AbortSignal.timeout(30_000),
        });
        by[res.status] = (by[res.status] ?? 0) + 1;
        const doc = (await res.json().catch(() => ({}))) as { id?: string };
        if (res.status === 202 && doc.id) ids.push(doc.id);
      } catch {
        errors += 1;
      }
    });
    const postSeconds = (Date.now() - t0) / 1000;

    // Read back every id answered 202 (all of them, not a sample). One still 'received' is read
    // again until capacity has decided it (the bus is in-process, so that is moments behind).
    const statuses: Record<string, number> = {};
    let unreadable = 0;
    let queuedWithoutPlace = 0;
    const t1 = Date.now();
    await pool(ids.length, IN_FLIGHT, async (i) => {
      for (let attempt = 0; ; attempt++) {
        const res = await fetch(`${sluice.url}/v1/requests/${ids[i]}`, { signal: AbortSignal.timeout(30_000) }).catch(
          () => null,
        );
        const doc =
          res?.status === 200 ? ((await res.json()) as { status: string; queue?: { position?: number } }) : null;
        if (res && res.status !== 200) await res.body?.cancel();
        if (doc && doc.status === 'received' && attempt < 100) {
          await new Promise((r) => setTimeout(r, 100));
          continue;
        }
        if (!doc) unreadable += 1;
        else {
          statuses[doc.status] = (statuses[doc.status] ?? 0) + 1;
          if (doc.status === 'queued' && !(Number(doc.queue?.position) >= 1)) queuedWithoutPlace += 1;
        }
        return;
      }
    });
    const readSeconds = (Date.now() - t1) / 1000;
    const open = Object.entries(statuses)
      .filter(([s]) => OPEN.has(s))
      .reduce((n, [, c]) => n + c, 0);

    const ready = await fetch(`${sluice.url}/readyz`);
    const metrics = await (await fetch(`${sluice.url}/metrics`)).text();
    const rss = Number(/^process_resident_memory_bytes (\S+)$/m.exec(metrics)?.[1] ?? NaN);

    const operator = new Browser(sluice.url);
    const signedIn = await operator.signIn(OPERATOR);
    const icb = await operator.get('/icb');
    const icbPage = await icb.text();
    const waiting = await operator.get(`/console/${PRACTICES[0]}/waiting`);
    const waitingPage = await waiting.text();

    const fivexx = Object.entries(by)
      .filter(([s]) => Number(s) >= 500)
      .reduce((n, [, c]) => n + c, 0);
    const fourxx = Object.entries(by)
      .filter(([s]) => Number(s) >= 400 && Number(s) < 500)
      .reduce((n, [, c]) => n + c, 0);
    console.log(
      `[faults] volume: sent ${POSTS}, 202 ${by[202] ?? 0}, 4xx ${fourxx}, 5xx ${fivexx}, errors ${errors}, readable ${ids.length - unreadable}/${ids.length} ` +
        `(open ${open}, ${JSON.stringify(statuses)}), posts ${postSeconds.toFixed(1)} s (${Math.round(POSTS / postSeconds)}/s), reads ${readSeconds.toFixed(1)} s, ` +
        `total ${((Date.now() - t0) / 1000).toFixed(1)} s, RSS ${Number.isFinite(rss) ? `${Math.round(rss / 1024 / 1024)} MB` : 'n/a'}`,
    );

    expect({ by, errors }).toEqual({ by: { 202: POSTS }, errors: 0 });
    expect(ids).toHaveLength(POSTS);
    expect(unreadable).toBe(0);
    expect(queuedWithoutPlace).toBe(0);
    expect(statuses.received ?? 0).toBe(0); // every one was decided
    // A few are accepted (at most the rota's places today), the rest wait, every one of them readable.
    expect(statuses.accepted ?? 0).toBeGreaterThan(0);
    expect(statuses.accepted ?? 0).toBeLessThanOrEqual(PRACTICES.length * CONTACTS_A_DAY);
    expect((statuses.accepted ?? 0) + open).toBe(POSTS);
    expect(sluice.proc.exitCode).toBeNull();
    expect(ready.status).toBe(200);
    expect(signedIn.status).toBe(303);
    expect(icb.status).toBe(200);
    expect(icbPage).toContain(PRACTICES[0]);
    expect(waiting.status).toBe(200);
    expect(waitingPage).toContain('Waiting list');
    expect(waitingPage).not.toContain('Rash');
  });
});
