import request from 'supertest';
import { loadEnv } from '@sluice/config';
import { startSluice, type Sluice } from '../src';

const OPERATOR = 'operator-key-for-tests-0123456789';

/** A browser as far as these tests need one: a cookie jar of one session cookie. */
class Client {
  cookie = '';
  constructor(private readonly sluice: Sluice) {}
  private keep(res: request.Response) {
    const set = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    for (const c of set) {
      const [pair] = c.split(';');
      this.cookie = pair!.endsWith('=') ? '' : pair!;
    }
    return res;
  }
  async get(path: string) {
    return this.keep(await request(this.sluice.server).get(path).set('Cookie', this.cookie));
  }
  async post(path: string, form: Record<string, string>) {
    return this.keep(await request(this.sluice.server).post(path).set('Cookie', this.cookie).type('form').send(form));
  }
  /** The synchronizer token the page at `path` carries in its forms. */
  async csrf(path: string) {
    const res = await this.get(path);
    const m = /name="_csrf" value="([^"]+)"/.exec(res.text);
    if (!m) throw new Error(`no CSRF token on ${path} (status ${res.status})`);
    return m[1]!;
  }
  async signIn(key: string) {
    const res = await this.post('/sign-in', { _csrf: await this.csrf('/sign-in'), key });
    expect(res.status).toBe(303);
    return res;
  }
}

describe('web pages: security', () => {
  let sluice: Sluice;
  let keyA: string;
  beforeAll(async () => {
    sluice = await startSluice(
      loadEnv({ PORT: '0', LOG_LEVEL: 'silent', SLUICE_NOW: '2026-11-30T10:00:00Z', SLUICE_OPERATOR_KEY: OPERATOR }),
      { tickMs: 0 },
    );
    const op = { Authorization: `Bearer ${OPERATOR}` };
    keyA = (await request(sluice.server).post('/v1/practices/A81001/keys').set(op).send({}).expect(201)).body.key;
    await request(sluice.server).post('/v1/practices/B81001/keys').set(op).send({}).expect(201);
    await request(sluice.server)
      .put('/v1/practices/B81001/config')
      .set(op)
      .send({ name: 'Hillside Practice' })
      .expect(200);
  });
  afterAll(async () => sluice.stop());

  it("security: a practice's session cannot see or change another practice's pages (403), nor the ICB overview", async () => {
    const a = new Client(sluice);
    await a.signIn(keyA);
    for (const path of [
      '/console/B81001',
      '/console/B81001/rota',
      '/console/B81001/settings',
      '/console/B81001/pause',
      '/console/B81001/rota/2026-12-01',
      '/icb',
    ]) {
      const res = await a.get(path);
      expect([path, res.status]).toEqual([path, 403]);
      expect(res.text).not.toContain('Hillside Practice');
    }
    const token = await a.csrf('/console/A81001/settings');
    const changes: [string, Record<string, string>][] = [
      [
        '/console/B81001/rota/2026-12-01',
        { rows: '1', 'id-0': 'gp1', 'role-0': 'GP', 'contacts-0': '99', action: 'save' },
      ],
      ['/console/B81001/settings', { name: 'Taken over' }],
      [
        '/console/B81001/pause',
        {
          reason: 'Not my practice at all',
          by: 'Intruder',
          'until-day': '1',
          'until-month': '12',
          'until-year': '2026',
          'until-time': '12:00',
          action: 'confirm',
        },
      ],
      ['/console/B81001/resume', {}],
    ];
    for (const [path, form] of changes) {
      expect((await a.post(path, { _csrf: token, ...form })).status).toBe(403);
    }
    const op = { Authorization: `Bearer ${OPERATOR}` };
    expect((await request(sluice.server).get('/v1/practices/B81001/rota/2026-12-01').set(op)).body.dated).toBe(false);
    expect((await request(sluice.server).get('/v1/practices/B81001/config').set(op)).body.name).toBe(
      'Hillside Practice',
    );
    expect((await request(sluice.server).get('/v1/practices/B81001/state').set(op)).body.paused).toBeNull();
  });

  it('security: a revoked practice key no longer works, by API or by sign-in, and its console sessions end at once', async () => {
    const op = { Authorization: `Bearer ${OPERATOR}` };
    const issued = (
      await request(sluice.server).post('/v1/practices/A81001/keys').set(op).send({ label: 'reception PC' }).expect(201)
    ).body;
    const mine = { Authorization: `Bearer ${issued.key}` };
    const listed = (await request(sluice.server).get('/v1/practices/A81001/keys').set(mine).expect(200)).body.keys;
    expect(listed).toContainEqual(expect.objectContaining({ keyId: issued.keyId, label: 'reception PC' }));
    expect(JSON.stringify(listed)).not.toMatch(/hash|slk_/);
    await request(sluice.server).get('/v1/practices/B81001/keys').set(mine).expect(403);
    const browser = new Client(sluice);
    await browser.signIn(issued.key);
    expect((await browser.get('/console/A81001')).status).toBe(200);

    // Another practice cannot revoke it; the practice itself can.
    const b = (await request(sluice.server).post('/v1/practices/B81001/keys').set(op).send({}).expect(201)).body.key;
    await request(sluice.server)
      .delete(`/v1/practices/A81001/keys/${issued.keyId}`)
      .set({ Authorization: `Bearer ${b}` })
      .expect(403);
    await request(sluice.server).delete(`/v1/practices/A81001/keys/${issued.keyId}`).set(mine).expect(204);
    const again = await request(sluice.server).delete(`/v1/practices/A81001/keys/${issued.keyId}`).set(op).expect(404);
    expect(again.headers['content-type']).toMatch(/problem\+json/);

    await request(sluice.server).get('/v1/practices/A81001/config').set(mine).expect(401);
    const page = await browser.get('/console/A81001');
    expect(page.status).toBe(303);
    expect(page.headers.location).toMatch(/^\/sign-in/);
    const signIn = new Client(sluice);
    const refused = await signIn.post('/sign-in', { _csrf: await signIn.csrf('/sign-in'), key: issued.key });
    expect(refused.status).not.toBe(303);
    expect(
      (await request(sluice.server).get('/v1/practices/A81001/keys').set(op).expect(200)).body.keys.map(
        (k: { keyId: string }) => k.keyId,
      ),
    ).not.toContain(issued.keyId);
  });

  it('security: forms without the session’s CSRF token are refused (403) and change nothing', async () => {
    const a = new Client(sluice);
    await a.signIn(keyA);
    const other = new Client(sluice);
    await other.signIn(keyA);
    const othersToken = await other.csrf('/console/A81001/settings');
    const form = { name: 'Changed without a token' };
    expect((await a.post('/console/A81001/settings', form)).status).toBe(403);
    expect((await a.post('/console/A81001/settings', { ...form, _csrf: 'x'.repeat(43) })).status).toBe(403);
    expect((await a.post('/console/A81001/settings', { ...form, _csrf: othersToken })).status).toBe(403);
    expect((await a.post('/console/A81001/resume', {})).status).toBe(403);
    expect((await a.post('/sign-out', {})).status).toBe(403);
    const config = await request(sluice.server)
      .get('/v1/practices/A81001/config')
      .set({ Authorization: `Bearer ${OPERATOR}` });
    expect(config.body.name).not.toBe('Changed without a token');
    // The sign-in form is protected too (no login CSRF): without its pre-session token it is refused.
    expect((await new Client(sluice).post('/sign-in', { key: keyA })).status).toBe(403);
  });

  it('security: the session cookie is HttpOnly, SameSite=Strict, Path=/, not Secure over plain HTTP; a new id at sign-in; gone at sign-out', async () => {
    const c = new Client(sluice);
    const pre = await c.get('/sign-in');
    const cookie = String(pre.headers['set-cookie']);
    expect(cookie).toMatch(/^sluice-session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/);
    const preSession = c.cookie;
    await c.signIn(keyA);
    expect(c.cookie).not.toBe(preSession);
    const signedIn = c.cookie;
    expect((await c.get('/console/A81001')).status).toBe(200);
    const out = await c.post('/sign-out', { _csrf: await c.csrf('/console/A81001') });
    expect(out.status).toBe(303);
    expect(String(out.headers['set-cookie'])).toMatch(/sluice-session=;/);
    c.cookie = signedIn; // a copy of the old cookie is worth nothing now
    const after = await c.get('/console/A81001');
    expect(after.status).toBe(303);
    expect(after.headers.location).toMatch(/^\/sign-in/);
  });

  it('security: with SLUICE_SECURE_COOKIES the cookie is Secure with the __Host- prefix', async () => {
    const tls = await startSluice(
      loadEnv({ PORT: '0', LOG_LEVEL: 'silent', SLUICE_SECURE_COOKIES: 'true', SLUICE_GROUP_SUFFIX: '-tls' }),
      { tickMs: 0, roles: ['capacity'] },
    );
    try {
      const res = await request(tls.server).get('/sign-in').expect(200);
      expect(String(res.headers['set-cookie'])).toMatch(
        /^__Host-sluice-session=[^;]+; Path=\/; HttpOnly; Secure; SameSite=Strict/,
      );
      expect(res.headers['content-security-policy']).toMatch(/upgrade-insecure-requests/);
    } finally {
      await tls.stop();
    }
  });

  it('security: every page has a strict CSP (nonce scripts, no inline styles, no framing) and is never cached', async () => {
    const c = new Client(sluice);
    await c.signIn(keyA);
    for (const path of [
      '/sign-in',
      '/console/A81001',
      '/console/A81001/rota',
      '/status/00000000-0000-4000-8000-000000000000',
    ]) {
      const res = await c.get(path);
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toMatch(/default-src 'self'/);
      expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}'/);
      expect(csp).toMatch(/style-src 'self'(;|$)/);
      expect(csp).toMatch(/frame-ancestors 'none'/);
      expect(csp).toMatch(/form-action 'self'/);
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
      expect(res.headers['cache-control']).toBe('no-store');
      const nonce = /'nonce-([^']+)'/.exec(csp)![1];
      // Every inline script carries this response's nonce; no element has a style attribute.
      for (const m of res.text.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)) expect(m[1]).toContain(`nonce="${nonce}"`);
      expect(res.text).not.toMatch(/\sstyle="/);
    }
  });

  it('security: sign-in refuses a wrong key without saying why, and never redirects off-site', async () => {
    const c = new Client(sluice);
    const wrong = await c.post('/sign-in', {
      _csrf: await c.csrf('/sign-in'),
      key: 'slk_A81001_nope_0123456789abcdef',
    });
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('Enter a valid Sluice key');
    const res = await c.post('/sign-in', {
      _csrf: await c.csrf('/sign-in?next=https://evil.example/'),
      key: keyA,
      next: 'https://evil.example/',
    });
    expect(res.headers.location).toBe('/console/A81001');
    const c2 = new Client(sluice);
    const deep = await c2.post('/sign-in', {
      _csrf: await c2.csrf('/sign-in'),
      key: keyA,
      next: '/console/A81001/rota',
    });
    expect(deep.headers.location).toBe('/console/A81001/rota');
  });

  it('security: failed sign-ins from one source are slowed, each longer than the last, then refused with 429 and Retry-After', async () => {
    const throttled = await startSluice(loadEnv({ PORT: '0', LOG_LEVEL: 'silent', SLUICE_OPERATOR_KEY: OPERATOR }), {
      tickMs: 0,
      signIn: { maxFailures: 3, windowSeconds: 120, baseDelayMs: 60, maxDelayMs: 240 },
    });
    try {
      const c = new Client(throttled);
      const took: number[] = [];
      for (let i = 0; i < 3; i++) {
        const token = await c.csrf('/sign-in');
        const t0 = Date.now();
        const wrong = await c.post('/sign-in', { _csrf: token, key: `slk_A81001_guess_${i}_0123456789abcdef` });
        took.push(Date.now() - t0);
        expect(wrong.status).toBe(401);
      }
      // At least the delays asked for (60, 120, 240 ms): a guesser's third try waits four times its first.
      expect(took.map((ms, i) => ms >= 60 * 2 ** i)).toEqual([true, true, true]);
      // Now even the right key is refused from this source until the window passes, with a page saying so.
      const refused = await c.post('/sign-in', { _csrf: await c.csrf('/sign-in'), key: OPERATOR });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(refused.text).toContain('Too many attempts to sign in');
      expect(refused.text).not.toContain(OPERATOR);
    } finally {
      await throttled.stop();
    }
  });

  it('error: unknown and malformed status ids get the same friendly 404 page; unknown console pages a 404 page', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-an-id', '..%2F..%2Fetc']) {
      const res = await request(sluice.server).get(`/status/${id}`);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.text).toContain('We cannot find this request');
      expect(res.text).toContain('111');
    }
    const c = new Client(sluice);
    await c.signIn(keyA);
    expect((await c.get('/console/A81001/nothing-here')).status).toBe(404);
    expect((await c.get('/console/not-a-code')).status).toBe(404);
  });

  it('happy: the patient status page shows a decision in plain English with no personal data', async () => {
    await request(sluice.server)
      .put('/v1/practices/A81001/rota/2026-11-30')
      .set({ Authorization: `Bearer ${OPERATOR}` })
      .send({ clinicians: [{ id: 'gp1', role: 'GP', contacts: 5 }] })
      .expect(200);
    const posted = await request(sluice.server)
      .post('/v1/practices/A81001/requests')
      .set({ Authorization: `Bearer ${OPERATOR}` })
      .send({
        kind: 'clinical',
        description: 'Itchy rash on my elbow',
        contact: { sms: '07700900123', email: 'pat@example.com' },
      })
      .expect(202);
    let page = '';
    for (let i = 0; i < 100 && !page.includes('accepted'); i++) {
      page = (await request(sluice.server).get(`/status/${posted.body.id}`).expect(200)).text;
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(page).toContain('Your GP practice has accepted your request');
    expect(page).toContain('If things get worse');
    for (const personal of ['07700900123', '07700 900123', 'pat@example.com', 'Itchy rash'])
      expect(page).not.toContain(personal);
  });
});
