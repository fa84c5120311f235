// Sluice on a Redis Sentinel group, started here on loopback from the installed redis-server:
//   - a Sentinel group (master and replica with append-only files, three sentinels): the master is
//     SIGKILLed mid-load; the sentinels promote the replica, the capacity role's connection follows
//     them, and the old master comes back as a replica. decide() waits for the replica (WAIT 1) before
//     a decision is published, so the promoted replica holds every reservation that was announced.
// Each prints sent / 202 / 5xx / decided / doubled / lost / over-admitted and the longest intake answer
// during the fault; lost, doubled and over-admitted must be 0, and 5xx at most 2 % of the answers given
// while the master was lost.
import { startPrivateSentinel, type PrivateSentinel, type SluiceProcess } from '@sluice/testkit';
import { answeredDuring, faultRig, load, practiceCodes, report, setCapacity, tally } from './fault-kit';

jest.setTimeout(480_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('fault: the Redis Sentinel master is SIGKILLed mid-load', () => {
  const rig = faultRig();
  let sentinel: PrivateSentinel | undefined;
  beforeAll(async () => {
    sentinel = await startPrivateSentinel();
  }, 120_000);
  afterAll(async () => {
    await sentinel?.stop();
  });

  it('fault: the replica is promoted and takes over; nothing lost, doubled or over-admitted, and at most 2 % 5xx meanwhile', async () => {
    const s = sentinel!;
    const { env, procs } = await rig.startSluice([['intake'], ['capacity']], {
      REDIS_SENTINELS: s.sentinels,
      REDIS_SENTINEL_MASTER: s.master,
      REDIS_PERSISTENCE_CHECK: 'on',
    });
    const [intake, capacity] = procs as [SluiceProcess, SluiceProcess];
    const practices = practiceCodes(8, 'S');
    await setCapacity(capacity.url, env.SLUICE_OPERATOR_KEY!, practices, 40);
    const log = await rig.decisionLog();

    const fault = { from: 0, promotedAfterMs: 0, to: 0, killed: '', promoted: '' as string | null };
    const run = await load({
      url: intake.url,
      key: env.SLUICE_OPERATOR_KEY!,
      practices,
      total: 900,
      concurrency: 6,
      paceMs: 5,
      startAfter: 100,
      during: async () => {
        fault.from = Date.now();
        fault.killed = await s.killMaster('SIGKILL');
        for (;;) {
          fault.promoted = await s.currentMaster();
          if (fault.promoted && fault.promoted !== fault.killed) break;
          if (Date.now() - fault.from > 30_000) throw new Error('the sentinels promoted no replica within 30 s');
          await sleep(100);
        }
        fault.promotedAfterMs = Date.now() - fault.from;
        // The old master comes back (a supervisor restarts it) and the sentinels make it a replica.
        await sleep(2_000);
        await s.resume(fault.killed);
        fault.to = Date.now();
      },
    });
    await run.fault;
    const ids = run.answers.filter((a) => a.id).map((a) => a.id!);
    await log.waitForAll(ids, 240_000);
    const t = await tally(run.answers, log, { url: capacity.url, key: env.SLUICE_OPERATOR_KEY! }, practices);
    const d = answeredDuring(run.answers, fault.from, fault.to);
    report('Redis Sentinel: master SIGKILLed mid-load, replica promoted, old master back as a replica', t, {
      '5xx during the fault': `${d.fivexx} of ${d.answers}`,
      'longest intake answer during the fault': `${d.longest} ms`,
      'killed / promoted': `${fault.killed} / ${fault.promoted} after ${fault.promotedAfterMs} ms`,
    });

    expect(fault.killed).toBe('master');
    expect(fault.promoted).toBe('replica');
    expect(d.answers).toBeGreaterThan(0);
    expect(t.lost).toBe(0);
    expect(t.doubled).toBe(0);
    expect(t.overAdmitted).toBe(0);
    expect(t.reservationMismatch).toBe(0);
    expect(d.fivexx).toBeLessThanOrEqual(Math.floor(d.answers * 0.02));
  });
});
