// Fault: the Kafka broker crashes (SIGKILL) mid-load and comes back 3 s later on the same port with its
// data. Intake answers 202 only once the broker has durably taken a request (acks=all, idempotent
// producer), so while it is down a patient gets a 503 with advice (try again, or 111/999) or a slower
// 202, never a 202 for a request that is then lost. After the restart every 202'd request is decided
// exactly once. (A publish that timed out on our side may still have reached the broker: that request
// is decided although its sender was told 503. It is counted below as "decided though refused"; a
// retry then makes a second request, which the practice sees as two.)
import type { SluiceProcess } from '@sluice/testkit';
import { faultRig, load, practiceCodes, report, setCapacity, tally } from './fault-kit';

jest.setTimeout(240_000);

describe('fault: the Kafka broker crashes and restarts mid-load', () => {
  const rig = faultRig();

  it('fault: intake never answers 202 for a request it did not durably publish, and every 202 is decided once after the restart', async () => {
    const { env, procs } = await rig.startSluice([['intake'], ['capacity']]);
    const [intake, capacity] = procs as [SluiceProcess, SluiceProcess];
    const practices = practiceCodes(8, 'H');
    await setCapacity(capacity.url, env.SLUICE_OPERATOR_KEY!, practices, 30);

    const { answers, fault } = await load({
      url: intake.url,
      key: env.SLUICE_OPERATOR_KEY!,
      practices,
      total: 500,
      concurrency: 6,
      paceMs: 5,
      startAfter: 120,
      timeoutMs: 60_000,
      during: () => rig.broker.restart({ signal: 'SIGKILL', downMs: 3_000 }),
    });
    await fault;
    // Requests after the restart: the producer and both consumer groups must have come back.
    const after = await load({
      url: intake.url,
      key: env.SLUICE_OPERATOR_KEY!,
      practices,
      total: 60,
      concurrency: 3,
      timeoutMs: 60_000,
    });
    const all = [...answers, ...after.answers];

    const log = await rig.decisionLog();
    const ids = all.filter((a) => a.id).map((a) => a.id!);
    await log.waitForAll(ids, 120_000);
    const t = await tally(all, log, { url: capacity.url, key: env.SLUICE_OPERATOR_KEY! }, practices);
    const known = new Set(ids);
    const decidedThoughRefused = [...log.byId.keys()].filter((id) => !known.has(id)).length;
    report('Kafka broker SIGKILL mid-load, back after 3 s on the same port and data', t, {
      'decided though refused (publish timed out but landed)': decidedThoughRefused,
      'answered after the restart': `${after.answers.filter((a) => a.status === 202).length}/60 × 202`,
    });

    if (t.lost > 0) {
      // Say why, for whoever reads a red run: the processes' own warnings and errors.
      for (const p of procs)
        console.log(
          p.lines
            .filter((l) => /"level":(40|50|60)/.test(l))
            .slice(-15)
            .join('\n'),
        );
    }
    expect(t.lost).toBe(0);
    expect(t.doubled).toBe(0);
    expect(t.overAdmitted).toBe(0);
    expect(t.reservationMismatch).toBe(0);
    // Only 202 (taken) or 503 (refused, with advice): no hung or failed answers.
    expect(Object.keys(t.other).every((s) => s === '503')).toBe(true);
    expect(after.answers.every((a) => a.status === 202)).toBe(true);
  });
});
