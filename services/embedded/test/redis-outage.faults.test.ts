// Fault: Redis goes away mid-load, twice: first it hangs (SIGSTOP for 3 s: up but unreachable), then it
// crashes and restarts (SIGKILL, 2 s down; the append-only file brings its data back, as a production
// Redis would). Requests keep coming. Nothing may be lost or decided twice: the capacity consumer
// retries its batch until Redis answers, and the decisions are idempotent on the request id.
// Meanwhile patients are answered honestly, never with a 500:
//   - a new request is taken (202) as soon as Kafka has it, even while Redis is away: it waits on
//     the bus and is decided when Redis is back; its status link says "received" until then;
//   - a request with an Idempotency-Key cannot be checked for a repeat, so it gets 503 with advice
//     to try again or call the practice (111 or 999 if urgent), and nothing is published;
//   - the status link answers 503 "try again shortly" instead of a status it cannot read.
import type { SluiceProcess } from '@sluice/testkit';
import { faultRig, load, practiceCodes, report, setCapacity, tally, type Answer } from './fault-kit';

jest.setTimeout(240_000);

describe('fault: Redis hangs, then crashes and restarts, mid-load', () => {
  const rig = faultRig({ redis: { persist: true } });

  /** What a patient's client sees while the fault lasts: a keyed POST and a status read, every 100 ms. */
  function probe(url: string, key: string, practice: string, knownId: string) {
    const seen: { what: string; status: number; body: string; ms: number }[] = [];
    const taken: Answer[] = []; // keyed requests answered 202 are real requests too: they count in the tally
    let on = true;
    const loop = (async () => {
      while (on) {
        const t0 = Date.now();
        const post = await fetch(`${url}/v1/practices/${practice}/requests`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${key}`,
            'idempotency-key': `probe-${Date.now()}-${Math.random()}`,
          },
          body: JSON.stringify({
            kind: 'clinical',
            description: 'Probe while Redis is away',
            contact: { sms: '07700900123' },
          }),
          signal: AbortSignal.timeout(20_000),
        }).then(
          async (r) => ({ status: r.status, body: await r.text() }),
          () => ({ status: 0, body: '' }),
        );
        seen.push({ what: 'POST with Idempotency-Key', ...post, ms: Date.now() - t0 });
        if (post.status === 202)
          taken.push({ status: 202, id: (JSON.parse(post.body) as { id: string }).id, practice });
        const t1 = Date.now();
        const get = await fetch(`${url}/v1/requests/${knownId}`, { signal: AbortSignal.timeout(20_000) }).then(
          async (r) => ({ status: r.status, body: await r.text() }),
          () => ({ status: 0, body: '' }),
        );
        seen.push({ what: 'GET status', ...get, ms: Date.now() - t1 });
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    return {
      seen,
      taken,
      stop: async () => {
        on = false;
        await loop;
      },
    };
  }

  it('fault: no decision is lost or doubled, requests wait for Redis and are decided once it is back, and nobody gets a 500', async () => {
    const { env, procs } = await rig.startSluice([['intake'], ['capacity']]);
    const [intake, capacity] = procs as [SluiceProcess, SluiceProcess];
    const practices = practiceCodes(8, 'G');
    await setCapacity(capacity.url, env.SLUICE_OPERATOR_KEY!, practices, 30);
    const log = await rig.decisionLog();

    const first = await load({ url: intake.url, key: env.SLUICE_OPERATOR_KEY!, practices, total: 20, concurrency: 2 });
    const knownId = first.answers.find((a) => a.id)!.id!;
    const probes: ReturnType<typeof probe>[] = [];
    const outage = (what: () => Promise<void>) => async () => {
      const p = probe(intake.url, env.SLUICE_OPERATOR_KEY!, practices[0]!, knownId);
      probes.push(p);
      try {
        await what();
      } finally {
        await p.stop();
      }
    };

    const hang = await load({
      url: intake.url,
      key: env.SLUICE_OPERATOR_KEY!,
      practices,
      total: 300,
      concurrency: 6,
      paceMs: 5,
      startAfter: 60,
      during: outage(() => rig.redis.freeze(3_000)),
    });
    await hang.fault;
    const crash = await load({
      url: intake.url,
      key: env.SLUICE_OPERATOR_KEY!,
      practices,
      total: 300,
      concurrency: 6,
      paceMs: 5,
      startAfter: 60,
      during: outage(() => rig.redis.restart({ signal: 'SIGKILL', downMs: 2_000 })),
    });
    await crash.fault;

    const answers: Answer[] = [...first.answers, ...hang.answers, ...crash.answers, ...probes.flatMap((p) => p.taken)];
    const ids = answers.filter((a) => a.id).map((a) => a.id!);
    await log.waitForAll(ids, 90_000);
    const t = await tally(answers, log, { url: capacity.url, key: env.SLUICE_OPERATOR_KEY! }, practices);
    const seen = probes.flatMap((p) => p.seen);
    const byAnswer = new Map<string, number>();
    for (const s of seen) byAnswer.set(`${s.what} → ${s.status}`, (byAnswer.get(`${s.what} → ${s.status}`) ?? 0) + 1);
    report('Redis hangs 3 s (SIGSTOP), then crashes and restarts (SIGKILL, 2 s down, AOF)', t, {
      'while Redis was away, patients saw': [...byAnswer].map(([k, v]) => `${k}: ${v}`).join('; '),
    });

    expect(t.lost).toBe(0);
    expect(t.doubled).toBe(0);
    expect(t.overAdmitted).toBe(0);
    expect(t.reservationMismatch).toBe(0);
    // Every request without a key was taken: Kafka had it, so the patient was told so.
    expect([...first.answers, ...hang.answers, ...crash.answers].every((a) => a.status === 202)).toBe(true);
    expect(seen.length).toBeGreaterThan(0);
    for (const s of seen) {
      expect([200, 202, 503]).toContain(s.status);
      if (s.status === 503) expect(JSON.parse(s.body)).toMatchObject({ status: 503, detail: expect.any(String) });
    }
    // The outage was real: a keyed request was refused honestly (503), or had to wait for Redis to come
    // back (ioredis queues commands while reconnecting; on a loaded machine they can outlast the outage).
    expect(seen.some((s) => s.status === 503 || s.ms >= 1_000)).toBe(true);
    // Once Redis is back, the status link answers again.
    expect((await fetch(`${intake.url}/v1/requests/${knownId}`)).status).toBe(200);
  });
});
