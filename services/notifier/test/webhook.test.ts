import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { ChannelError } from '../src/channel';
import { render } from '../src/render';
import { EXAMPLE_PRACTICE } from '../src/templates/doc';
import { WebhookChannel, type WebhookBody } from '../src/webhook-channel';
import { ReplayGuard, signWebhook, verifyWebhook, WEBHOOK_HEADERS } from '../src/webhook-signature';
import { decision } from './fixtures';

const SECRET = 'whsec-0123456789abcdef0123456789abcdef';

/** A practice system's receiver, as the docs tell practices to write one: raw body, verify, dedupe, then parse. */
function receiver() {
  const got: WebhookBody[] = [];
  const refused: string[] = [];
  const replays = new ReplayGuard();
  const app = express();
  app.post('/hooks/sluice', express.raw({ type: 'application/json' }), (req, res) => {
    const v = verifyWebhook({ body: req.body as Buffer, headers: req.headers, secrets: { k1: SECRET }, replays });
    if (!v.ok) {
      refused.push(v.reason);
      return res.status(401).json({ error: v.reason });
    }
    got.push(JSON.parse((req.body as Buffer).toString()) as WebhookBody);
    res.status(204).end();
  });
  return { app, got, refused };
}

describe('webhook channel and a receiver that verifies it', () => {
  let server: Server;
  let url: string;
  let r: ReturnType<typeof receiver>;
  beforeEach(async () => {
    r = receiver();
    server = await new Promise<Server>((resolve) => {
      const s = r.app.listen(0, '127.0.0.1', () => resolve(s));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/sluice`;
  });
  afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const post = (body: string, headers: Record<string, string>) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  it('happy: a signed message is verified and carries the text, ids to dedupe on and who it is for', async () => {
    const channel = new WebhookChannel({ url, keyId: 'k1', secret: SECRET });
    const d = decision({ code: 'accepted-routine' });
    const n = render(d, EXAMPLE_PRACTICE, 'https://gp.example.nhs.uk');
    expect(await channel.send(n)).toEqual({ providerReference: `${d.id}:1` });
    expect(r.got).toHaveLength(1);
    expect(r.got[0]).toMatchObject({
      deliveryId: `${d.id}:1`,
      requestId: d.id,
      practice: 'A81001',
      template: 'accepted-routine',
      text: n.text,
      to: { sms: d.contact.sms },
    });
  });

  it('safety: a concern’s message says so, and carries its rule’s advice on when to call 999', async () => {
    const channel = new WebhookChannel({ url, keyId: 'k1', secret: SECRET });
    const advice = 'Call 999 if you cannot feel your legs.';
    const n = render(
      decision({ code: 'concern-duty-clinician', screening: 'concern', advice, flags: ['concern'] }),
      EXAMPLE_PRACTICE,
      'https://gp.example.nhs.uk',
    );
    await channel.send(n);
    expect(r.got[0]).toMatchObject({
      template: 'concern-duty-clinician',
      screening: 'concern',
      personalisation: { when_to_call_999: advice },
    });
    expect(r.got[0]!.text).toContain(`A doctor or nurse will look at it today and contact you. ${advice}`);
  });

  it('security: a tampered body is refused', async () => {
    const body = JSON.stringify({ deliveryId: 'x:1', text: 'original' });
    const headers = signWebhook({ keyId: 'k1', secret: SECRET, body, deliveryId: 'x:1' });
    const res = await post(body.replace('original', 'tampered'), headers);
    expect(res.status).toBe(401);
    expect(r.refused).toEqual(['bad-signature']);
  });

  it('security: a replay of an old request (outside the window) is refused, and so is a replay inside it', async () => {
    const body = JSON.stringify({ deliveryId: 'y:1' });
    const old = signWebhook({
      keyId: 'k1',
      secret: SECRET,
      body,
      deliveryId: 'y:1',
      now: new Date(Date.now() - 10 * 60_000),
    });
    expect((await post(body, old)).status).toBe(401);
    const fresh = signWebhook({ keyId: 'k1', secret: SECRET, body, deliveryId: 'y:1' });
    expect((await post(body, fresh)).status).toBe(204);
    expect((await post(body, fresh)).status).toBe(401);
    expect(r.refused).toEqual(['stale', 'replayed']);
  });

  it('security: an unknown key id, a wrong secret and missing headers are refused', () => {
    const body = '{}';
    const good = signWebhook({ keyId: 'k1', secret: SECRET, body, deliveryId: 'z:1' });
    expect(
      verifyWebhook({ body, headers: { ...good, [WEBHOOK_HEADERS.keyId]: 'k2' }, secrets: { k1: SECRET } }),
    ).toEqual({ ok: false, reason: 'unknown-key' });
    expect(verifyWebhook({ body, headers: good, secrets: { k1: 'another-secret-another-secret-00' } })).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
    expect(verifyWebhook({ body, headers: {}, secrets: { k1: SECRET } })).toEqual({
      ok: false,
      reason: 'missing-header',
    });
    expect(verifyWebhook({ body, headers: good, secrets: { k1: SECRET } })).toMatchObject({
      ok: true,
      keyId: 'k1',
      deliveryId: 'z:1',
    });
  });

  it('error: a receiver refusing the message (4xx) is not retried; an unreachable one is', async () => {
    const n = render(decision(), EXAMPLE_PRACTICE, 'http://x');
    const wrong = new WebhookChannel({ url, keyId: 'k1', secret: 'wrong-secret-wrong-secret-wrong-00' });
    expect(((await wrong.send(n).catch((e: unknown) => e)) as ChannelError).kind).toBe('reject');
    const closed = await new Promise<number>((resolve) => {
      const s = express().listen(0, '127.0.0.1', () => {
        const port = (s.address() as AddressInfo).port;
        s.close(() => resolve(port));
      });
    });
    const down = new WebhookChannel({ url: `http://127.0.0.1:${closed}/hooks`, keyId: 'k1', secret: SECRET });
    expect(((await down.send(n).catch((e: unknown) => e)) as ChannelError).kind).toBe('retry');
  });

  it('security: refuses a plain-http URL off this machine (the body carries contact details)', () => {
    expect(() => new WebhookChannel({ url: 'http://practice.example/hooks', keyId: 'k1', secret: SECRET })).toThrow(
      /https/,
    );
  });
});
