import { TOPICS } from '@sluice/contracts';
import { decision, patient } from './fixtures';
import { notifierHarness } from './harness';

jest.setTimeout(30_000);

describe('notifier: one message per decision through GOV.UK Notify (real client, local stand-in)', () => {
  let h: Awaited<ReturnType<typeof notifierHarness>>;
  beforeEach(async () => (h = await notifierHarness()));
  afterEach(async () => h.stop());

  it('happy: one call per decision, with the template and personalisation of its reason code', async () => {
    const d = decision({ code: 'queued-capacity' });
    await h.send(d);
    await h.until('sent event', () => h.sent().length === 1);
    const [call] = h.notify.sends();
    expect(h.notify.sends()).toHaveLength(1);
    const stored = h.notify.notifications[0]!;
    expect(call!.body).toMatchObject({
      phone_number: d.contact.sms,
      reference: `${d.id}:1`,
      personalisation: {
        practice_name: 'Riverside Surgery',
        position: '2',
        expected_day: 'Tuesday 1 December',
        status_link: `https://gp.example.nhs.uk/status/${d.id}`,
      },
    });
    expect(Object.keys(call!.body.personalisation as object).sort()).toEqual([
      'expected_day',
      'position',
      'practice_name',
      'status_link',
    ]);
    expect(stored.body).toContain('You are number 2 on the waiting list.');
    expect(h.sent()[0]).toMatchObject({
      type: 'notification.sent',
      id: d.id,
      sequence: 1,
      channel: 'notify',
      template: 'queued-capacity',
      attempts: 1,
      providerReference: stored.id,
    });
    expect(await h.counter('sluice_notifications_total', { channel: 'notify', outcome: 'sent' })).toBe(1);
  });

  it('happy: a redelivered decision is not sent again; the next decision for the same request (promoted) is', async () => {
    const d = decision({ code: 'queued-capacity' });
    await h.send(d, d);
    await h.until('first handled twice', async () => (await h.counter('sluice_notifications_total', {})) === 2);
    await h.send(d, {
      ...d,
      sequence: 2,
      outcome: 'accepted',
      reason: { code: 'promoted', text: 'A space has come up.' },
      queue: undefined,
    });
    await h.until('all four handled', async () => (await h.counter('sluice_notifications_total', {})) === 4);
    expect(h.notify.sends().map((c) => c.body.reference)).toEqual([`${d.id}:1`, `${d.id}:2`]);
    expect(await h.counter('sluice_notifications_total', { outcome: 'duplicate' })).toBe(2);
    // Result events are at least once: a duplicate repeats notification.sent, never the message.
    expect(new Set(h.sent().map((e) => `${e.id}:${e.sequence}`))).toEqual(new Set([`${d.id}:1`, `${d.id}:2`]));
  });

  it('error: Notify 500 and 429 RateLimitError are retried with back-off, then the message is sent once', async () => {
    h.notify.faults = [500, 'rate-limit', 500];
    const d = decision();
    await h.send(d);
    await h.until('sent after retries', () => h.sent().length === 1);
    expect(h.notify.sends().map((c) => c.status)).toEqual([500, 429, 500, 201]);
    expect(h.notify.notifications).toHaveLength(1);
    expect(h.sent()[0]).toMatchObject({ id: d.id, attempts: 4 });
    expect(await h.counter('sluice_notification_retries_total', { cause: 'server-error' })).toBe(2);
    expect(await h.counter('sluice_notification_retries_total', { cause: 'rate-limited' })).toBe(1);
  });

  it('error: 400 and 403 are not retried: alert metric, error log, dead letter, notification.failed; the consumer carries on', async () => {
    h.notify.faults = [400, 403];
    const [a, b, c] = [decision(), decision(), decision()];
    await h.send(a, b, c);
    await h.until('two failures and one send', () => h.failed().length === 2 && h.sent().length === 1);
    expect(h.notify.sends()).toHaveLength(3);
    expect(
      h
        .dlq()
        .map((l) => l.requestId)
        .sort(),
    ).toEqual([a.id, b.id].sort());
    expect(h.dlq()[0]).toMatchObject({ type: 'dead-letter', sourceTopic: TOPICS.decided, practice: 'A81001' });
    expect(await h.counter('sluice_notification_rejections_total', { status: '400' })).toBe(1);
    expect(await h.counter('sluice_notification_rejections_total', { status: '403' })).toBe(1);
    expect(h.lines.filter((l) => l.includes('"level":"error"') && l.includes('not retried'))).toHaveLength(2);
  });

  it('error: after the retry budget the message is dead-lettered with the error, and the next one is sent', async () => {
    h.notify.faults = [500, 500, 500, 500];
    const [bad, good] = [decision(), decision()];
    await h.send(bad);
    await h.until('dead letter', () => h.dlq().length === 1);
    await h.send(good);
    await h.until('next sent', () => h.sent().length === 1);
    expect(h.notify.sends().filter((c) => c.body.reference === `${bad.id}:1`)).toHaveLength(4);
    expect(h.dlq()[0]).toMatchObject({ requestId: bad.id, error: 'Notify 500 Exception: Internal server error' });
    expect(h.failed()[0]).toMatchObject({ id: bad.id, attempts: 4, type: 'notification.failed' });
    expect(h.sent()[0]).toMatchObject({ id: good.id });
  });

  it("happy: a recipient over the carriers' limit is not texted again (value, not error)", async () => {
    // 22 decisions of one request with the same reason: 22 identical texts to one number in an hour.
    const first = decision({ contact: { sms: patient().sms } });
    await h.send(...Array.from({ length: 22 }, (_, i) => ({ ...first, sequence: i + 1 })));
    await h.until('all handled', () => h.sent().length + h.failed().length === 22);
    expect(h.sent()).toHaveLength(20);
    expect(h.failed().map((f) => f.error)).toEqual([
      'recipient limit (identical) reached',
      'recipient limit (identical) reached',
    ]);
    expect(h.dlq()).toHaveLength(0);
  });
});

describe("notifier: Notify's daily limit (429 TooManyRequestsError)", () => {
  it('error: holds until midnight UTC without calling Notify again, other messages are not blocked, then sends each once', async () => {
    // Real time, shifted to 23:59:58.5 UTC, so "midnight" is 1.5 s away.
    const offset = Date.parse('2026-11-30T23:59:58.500Z') - Date.now();
    const timing = {
      now: () => Date.now() + offset,
      sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)),
    };
    const h = await notifierHarness({ timing });
    try {
      h.notify.faults = ['daily-limit'];
      const [a, b] = [decision(), decision()];
      const byEmail = decision({ contact: { email: 'held.patient@example.com' } });
      await h.send(a);
      await h.until('first SMS held', async () => (await h.holds.count()) === 1);
      await h.send(b, byEmail);
      await h.until(
        'second SMS held, the email sent',
        async () => (await h.holds.count()) === 2 && h.sent().length === 1,
      );
      // One refused call, then no more SMS calls while the limit is spent: the email went out.
      expect(h.notify.sends().map((c) => [c.path, c.status])).toEqual([
        ['/v2/notifications/sms', 429],
        ['/v2/notifications/email', 201],
      ]);
      expect(await h.counter('sluice_notification_holds_total', { channel: 'notify' })).toBe(2);
      expect(await h.notifier.sweep()).toBe(0); // not midnight yet
      await h.until('midnight UTC', () => timing.now() >= Date.parse('2026-12-01T00:00:00Z'), 5000);
      expect(await h.notifier.sweep()).toBe(2);
      await h.until('held messages sent', () => h.sent().length === 3);
      expect(h.notify.notifications.map((n) => n.reference).sort()).toEqual(
        [`${a.id}:1`, `${b.id}:1`, `${byEmail.id}:1`].sort(),
      );
      expect(await h.holds.count()).toBe(0);
      // A redelivery of a released message finds it sent.
      await h.send(a);
      await new Promise((r) => setTimeout(r, 100));
      expect(h.notify.notifications).toHaveLength(3);
    } finally {
      await h.stop();
    }
  });
});

describe('notifier: patient data stays out of logs, metrics and dead letters', () => {
  it('security: after sends, rejections, dead letters and holds, no output carries a number, an address or symptoms', async () => {
    const h = await notifierHarness({ policy: { maxAttempts: 2 } });
    try {
      const people = Array.from({ length: 6 }, () => patient());
      h.notify.faults = [400, 403, 500, 500, 'daily-limit'];
      const ds = people.map((p, i) => ({
        ...decision({ contact: i % 2 ? { email: p.email } : { sms: p.sms } }),
        description: p.symptom,
      }));
      for (const d of ds) {
        await h.send(d);
        await h.until('handled', async () => (await h.counter('sluice_notifications_total', {})) === ds.indexOf(d) + 1);
      }
      const poison = patient();
      await h.send(
        JSON.stringify({
          type: 'consultation.decided',
          id: 'x',
          contact: { sms: poison.sms, email: poison.email },
          description: poison.symptom,
        }),
      );
      await h.until('poison dead-lettered', () => h.dlq().some((l) => String(l.error).includes('type')));
      expect(h.dlq().length).toBeGreaterThanOrEqual(3);
      const everything = [...h.lines, await h.metrics.registry.metrics(), ...[...h.published.values()].flat()].join(
        '\n',
      );
      for (const p of [...people, poison]) {
        expect(everything).not.toContain(p.sms);
        expect(everything).not.toContain(p.email);
        expect(everything).not.toContain(p.symptom);
      }
    } finally {
      await h.stop();
    }
  });
});
