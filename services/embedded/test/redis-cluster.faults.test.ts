// Sluice on a Redis Cluster of three masters, started here on loopback from the installed redis-server,
// with practices whose {ods} slots fall in every master's range: every script, transaction and pipeline
// stays within one slot, so nothing fails with CROSSSLOT. Prints the same tally as the fault tests.
import { createRedisConnector } from '@sluice/redis-scripts';
import { startPrivateCluster, type PrivateCluster, type SluiceProcess } from '@sluice/testkit';
import { answeredDuring, faultRig, load, practiceCodes, report, setCapacity, tally } from './fault-kit';

jest.setTimeout(480_000);

describe('Redis Cluster: three masters, practices in every slot range', () => {
  const rig = faultRig();
  let cluster: PrivateCluster | undefined;
  beforeAll(async () => {
    cluster = await startPrivateCluster();
  }, 120_000);
  afterAll(async () => {
    await cluster?.stop();
  });

  it('happy: Sluice starts on the Cluster and decides every request once, within capacity, with no CROSSSLOT', async () => {
    const c = cluster!;
    const { env, procs } = await rig.startSluice([['intake'], ['capacity']], {
      REDIS_CLUSTER_NODES: c.nodes,
      REDIS_PERSISTENCE_CHECK: 'on',
    });
    const [intake, capacity] = procs as [SluiceProcess, SluiceProcess];
    // Practices whose slots cover each master's third of the 16,384 slots (redis-cli --cluster create
    // gives the three masters 0–5460, 5461–10922 and 10923–16383).
    const slotOf = createRedisConnector({ mode: 'cluster', nodes: c.nodeList }).slotOf;
    const practices = practiceCodes(24, 'K');
    const ranges = new Set(practices.map((p) => Math.min(2, Math.floor(slotOf(`{${p}}`) / 5461))));
    expect(ranges.size).toBe(3);
    await setCapacity(capacity.url, env.SLUICE_OPERATOR_KEY!, practices, 8);
    const log = await rig.decisionLog();

    const t0 = Date.now();
    const run = await load({
      url: intake.url,
      key: env.SLUICE_OPERATOR_KEY!,
      practices,
      total: 480,
      concurrency: 6,
      paceMs: 2,
    });
    const ids = run.answers.filter((a) => a.id).map((a) => a.id!);
    await log.waitForAll(ids, 240_000);
    const troubles = [intake, capacity].flatMap((p) =>
      p.lines.filter((l) => /"level":(40|50|"warn"|"error")/.test(l) && !/"logger":"kafkajs"/.test(l)),
    );
    if (troubles.length)
      console.log(`[faults] Redis Cluster: warnings and errors logged\n${troubles.slice(-15).join('\n')}`);
    const t = await tally(run.answers, log, { url: capacity.url, key: env.SLUICE_OPERATOR_KEY! }, practices);
    const d = answeredDuring(run.answers, t0, Date.now());
    report('Redis Cluster: 3 masters, 24 practices across every slot range, 480 requests', t, {
      '5xx': `${d.fivexx} of ${d.answers}`,
      'longest intake answer': `${d.longest} ms`,
      'slot ranges covered': ranges.size,
    });

    expect(t.answered202).toBe(480);
    expect(t.lost).toBe(0);
    expect(t.doubled).toBe(0);
    expect(t.overAdmitted).toBe(0);
    expect(t.reservationMismatch).toBe(0);
    // 480 requests for 24 × 8 places: every practice full.
    const accepted = [...log.byId.values()].filter(
      (ds) => ds.find((x) => x.sequence === 1)?.outcome === 'accepted',
    ).length;
    expect(accepted).toBe(24 * 8);
  });
});
