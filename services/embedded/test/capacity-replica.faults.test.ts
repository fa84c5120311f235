// Fault: one of two capacity replicas in a consumer group is killed with SIGKILL mid-load. After the
// rebalance the survivor takes its partitions over from the last committed offsets, so it sees some
// requests again: each must still be decided exactly once, and no practice-day may admit more than
// its safe capacity.
import type { SluiceProcess } from '@sluice/testkit';
import { faultRig, load, practiceCodes, report, setCapacity, tally } from './fault-kit';

jest.setTimeout(240_000);

describe('fault: a capacity replica is killed mid-load', () => {
  const rig = faultRig();

  it('fault: after kill -9 of one of two replicas every request is decided exactly once and no practice-day is over-admitted', async () => {
    const { env, procs } = await rig.startSluice([['intake'], ['capacity'], ['capacity']]);
    const [intake, replicaA, replicaB] = procs as [SluiceProcess, SluiceProcess, SluiceProcess];
    const practices = practiceCodes(12);
    await setCapacity(replicaB.url, env.SLUICE_OPERATOR_KEY!, practices, 15);
    const log = await rig.decisionLog();

    let decidedAtKill = 0;
    const { answers, fault } = await load({
      url: intake.url,
      key: env.SLUICE_OPERATOR_KEY!,
      practices,
      total: 600,
      concurrency: 8,
      paceMs: 5,
      startAfter: 200,
      during: async () => {
        decidedAtKill = log.byId.size;
        await replicaA.stop('SIGKILL');
      },
    });
    await fault;
    const ids = answers.filter((a) => a.id).map((a) => a.id!);
    await log.waitForAll(ids, 90_000);
    const t = await tally(answers, log, { url: replicaB.url, key: env.SLUICE_OPERATOR_KEY! }, practices);
    report('capacity replica kill -9 mid-load (2 replicas, 6 partitions)', t, {
      'decided before the kill': decidedAtKill,
      'replica A exit': replicaA.proc.signalCode,
    });

    expect(replicaA.proc.signalCode).toBe('SIGKILL');
    expect(decidedAtKill).toBeGreaterThan(0);
    expect(t.answered202).toBe(600);
    expect(t.lost).toBe(0);
    expect(t.doubled).toBe(0);
    expect(t.overAdmitted).toBe(0);
    expect(t.reservationMismatch).toBe(0);
    expect(t.decided).toBe(600);
  });
});
