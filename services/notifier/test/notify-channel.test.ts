import { ChannelError } from '../src/channel';
import { NotifyChannel } from '../src/notify-channel';
import { render } from '../src/render';
import { EXAMPLE_PRACTICE } from '../src/templates/doc';
import { decision, notifyTemplates } from './fixtures';
import { startNotifyStandIn, type Fault, type NotifyStandIn } from './notify-stand-in';

describe('NotifyChannel (the real notifications-node-client against the local Notify stand-in)', () => {
  const templates = notifyTemplates();
  let notify: NotifyStandIn;
  let channel: NotifyChannel;
  const now = new Date('2026-11-30T15:00:00Z');

  beforeAll(async () => {
    notify = await startNotifyStandIn(templates.standIn);
    channel = new NotifyChannel({
      apiKey: notify.apiKey,
      baseUrl: notify.url,
      templateIds: templates.ids,
      timeoutMs: 500,
      now: () => now,
    });
  });
  afterAll(async () => notify.close());
  beforeEach(() => {
    notify.faults = [];
    notify.always = null;
  });

  it('happy: sends an SMS by template id with the personalisation and reference <id>:<sequence>', async () => {
    const d = decision({ code: 'queued-capacity', sequence: 1 });
    const n = render(d, EXAMPLE_PRACTICE, 'https://gp.example.nhs.uk');
    const receipt = await channel.send(n);
    const call = notify.sends().at(-1)!;
    expect(call.path).toBe('/v2/notifications/sms');
    expect(call.body).toEqual({
      template_id: templates.ids['queued-capacity']!.sms,
      phone_number: d.contact.sms,
      personalisation: n.personalisation,
      reference: `${d.id}:1`,
    });
    const stored = notify.notifications.find((x) => x.id === receipt.providerReference)!;
    expect(stored.body).toBe(n.text);
  });

  it('happy: sends an email when the patient gave no mobile number', async () => {
    const d = decision({ code: 'accepted-urgent', contact: { email: 'pat@example.com' } });
    const n = render(d, EXAMPLE_PRACTICE, 'https://gp.example.nhs.uk');
    await channel.send(n);
    const call = notify.sends().at(-1)!;
    expect(call.path).toBe('/v2/notifications/email');
    expect(call.body).toMatchObject({
      template_id: templates.ids['accepted-urgent']!.email,
      email_address: 'pat@example.com',
      reference: `${d.id}:1`,
    });
    expect(notify.notifications.at(-1)!.subject).toBe('Riverside Surgery has your urgent request');
  });

  it.each(['concern-duty-clinician', 'redirected-concern'] as const)(
    'safety: %s is sent with its rule’s advice on when to call 999, by SMS and by email',
    async (code) => {
      const advice = 'Call 999 if your child is hard to wake, or their lips turn blue.';
      const d = decision({ code, screening: 'concern', advice, flags: ['concern'] });
      const sms = render(d, EXAMPLE_PRACTICE, 'https://gp.example.nhs.uk');
      await channel.send(sms);
      expect(notify.sends().at(-1)!.body).toMatchObject({
        template_id: templates.ids[code]!.sms,
        personalisation: { when_to_call_999: advice },
      });
      // The stand-in fills the Notify template as Notify does: the patient's text holds the advice whole.
      expect(notify.notifications.at(-1)!.body).toBe(sms.text);
      expect(sms.text).toContain(advice);
      expect(sms.text).toMatch(
        code === 'concern-duty-clinician'
          ? /A doctor or nurse will look at it today/
          : /call 111 or use 111\.nhs\.uk now/,
      );
      const email = render(
        { ...d, contact: { email: 'pat@example.com' } },
        EXAMPLE_PRACTICE,
        'https://gp.example.nhs.uk',
      );
      await channel.send(email);
      expect(notify.sends().at(-1)!.path).toBe('/v2/notifications/email');
      expect(notify.notifications.at(-1)!.body).toContain(advice);
    },
  );

  it('happy: lookup finds a sent message by its reference, and not an unsent one', async () => {
    const sent = render(decision(), EXAMPLE_PRACTICE, 'http://x');
    await channel.send(sent);
    expect(await channel.lookup(sent)).toBe('sent');
    expect(await channel.lookup(render(decision(), EXAMPLE_PRACTICE, 'http://x'))).toBe('not-sent');
  });

  it.each<[Fault, string, Partial<ChannelError['detail']>]>([
    [500, 'retry', { status: 500, cause: 'server-error' }],
    ['rate-limit', 'retry', { status: 429, cause: 'rate-limited' }],
    ['daily-limit', 'hold', { status: 429, holdUntil: new Date('2026-12-01T00:00:00Z') }],
    [400, 'reject', { status: 400 }],
    [403, 'reject', { status: 403 }],
  ])('error: Notify answering %p is a %s', async (fault, kind, detail) => {
    notify.faults = [fault];
    const err = await channel.send(render(decision(), EXAMPLE_PRACTICE, 'http://x')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChannelError);
    expect((err as ChannelError).kind).toBe(kind);
    expect((err as ChannelError).detail).toMatchObject(detail);
  });

  it('error: no answer in time is an unknown outcome (the message may have been taken)', async () => {
    notify.faults = [{ acceptThenDelayMs: 1500 }];
    const n = render(decision(), EXAMPLE_PRACTICE, 'http://x');
    const err = (await channel.send(n).catch((e: unknown) => e)) as ChannelError;
    expect(err.kind).toBe('unknown');
    expect(err.detail.cause).toBe('timeout');
    expect(await channel.lookup(n)).toBe('sent');
  });

  it('security: a key with the wrong secret is refused by the stand-in as Notify refuses it (403, not retried)', async () => {
    const wrong = notify.apiKey.slice(0, -36) + '00000000-0000-4000-8000-000000000000';
    const bad = new NotifyChannel({ apiKey: wrong, baseUrl: notify.url, templateIds: templates.ids });
    const err = (await bad
      .send(render(decision(), EXAMPLE_PRACTICE, 'http://x'))
      .catch((e: unknown) => e)) as ChannelError;
    expect(err.kind).toBe('reject');
    expect(err.message).toMatch(/403 AuthError/);
  });

  it('security: error text never carries the number or the request body', async () => {
    notify.faults = [400];
    const d = decision();
    const err = (await channel.send(render(d, EXAMPLE_PRACTICE, 'http://x')).catch((e: unknown) => e)) as ChannelError;
    expect(JSON.stringify({ ...err, message: err.message })).not.toContain(d.contact.sms!);
  });

  it('error: a missing template id is refused at construction, naming what is missing', () => {
    expect(() => new NotifyChannel({ apiKey: notify.apiKey, baseUrl: notify.url, templateIds: {} })).toThrow(
      /accepted-routine\.sms/,
    );
  });
});
