import { createHash } from 'node:crypto';
import request from 'supertest';
import { InProcessEventBus } from '@sluice/event-bus';
import type { MemoryPracticeRepository } from '@sluice/capacity-store';
import { intake, post, published, smallest, STACKS, useStack } from './harness';

/** A client key as the operator issues one: stored only as its hash. */
async function client(
  repo: MemoryPracticeRepository,
  practices: string[],
  rateLimitPerMinute?: number,
): Promise<string> {
  const id = `c${Math.random().toString(16).slice(2, 10)}`;
  const key = `slc_${id}_${'x'.repeat(32)}`;
  await repo.putClient({
    id,
    name: `tool ${id}`,
    practices,
    hash: createHash('sha256').update(key).digest('hex'),
    createdAt: '2026-11-30T09:00:00Z',
    ...(rateLimitPerMinute ? { rateLimitPerMinute } : {}),
  });
  return key;
}

const counter = async (
  m: { get(): Promise<{ values: { labels: Record<string, unknown>; value: number }[] }> },
  labels: Record<string, string>,
) => (await m.get()).values.find((v) => Object.entries(labels).every(([k, x]) => v.labels[k] === x))?.value ?? 0;

describe.each(STACKS)('intake access (%s)', (which) => {
  beforeAll(() => useStack(which));

  it('security: no key, a malformed header or an unknown key is a 401 problem, and nothing is published', async () => {
    const bus = new InProcessEventBus();
    const { app, metrics } = intake(bus);
    const none = await request(app).post('/v1/practices/A81001/requests').send(smallest).expect(401);
    expect(none.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(none.headers['www-authenticate']).toBe('Bearer realm="sluice"');
    await post(app, '/v1/practices/A81001/requests', 'slc_nobody_issued_this_key_at_all').send(smallest).expect(401);
    await request(app)
      .post('/v1/practices/A81001/requests')
      .set('Authorization', 'Basic dXNlcjpwYXNz')
      .send(smallest)
      .expect(401);
    expect(await published(bus)).toHaveLength(0);
    expect(await counter(metrics.intakeRefusals, { reason: 'unauthenticated' })).toBe(3);
  });

  it('security: a client key reaches its own practices only (403 elsewhere); the operator key reaches every one', async () => {
    const bus = new InProcessEventBus();
    const { app, repo, metrics } = intake(bus);
    const key = await client(repo, ['A81001']);
    await post(app, '/v1/practices/A81001/requests', key).send(smallest).expect(202);
    const other = await post(app, '/v1/practices/B82002/requests', key).send(smallest).expect(403);
    expect(JSON.parse(other.text)).toMatchObject({ status: 403, title: 'Forbidden' });
    await post(app, '/v1/practices/B82002/requests').send(smallest).expect(202);
    expect((await published(bus)).map((e) => e.practice)).toEqual(['A81001', 'B82002']);
    expect(await counter(metrics.intakeRefusals, { reason: 'forbidden' })).toBe(1);
  });

  it('security: a revoked client key is refused', async () => {
    const { app, repo } = intake();
    const key = await client(repo, ['A81001']);
    await post(app, '/v1/practices/A81001/requests', key).send(smallest).expect(202);
    await repo.revokeClient((await repo.listClients())[0]!.id);
    await post(app, '/v1/practices/A81001/requests', key).send(smallest).expect(401);
  });

  it('security: a practice the operator never set up is a 404 problem that creates no status, event or metric series', async () => {
    const bus = new InProcessEventBus();
    const { app, metrics, repo } = intake(bus);
    const key = await client(repo, ['C83003']);
    for (const k of [undefined, key]) {
      const res = await post(app, '/v1/practices/C83003/requests', k).send(smallest).expect(404);
      expect(JSON.parse(res.text)).toMatchObject({ status: 404, title: 'Practice not found' });
    }
    expect(await published(bus)).toHaveLength(0);
    expect(await repo.listPractices()).not.toContain('C83003');
    expect(await metrics.registry.metrics()).not.toContain('C83003');
  });

  it('security: a flood against one practice gets 429 with Retry-After, while another practice is still taken', async () => {
    const bus = new InProcessEventBus();
    const { app, metrics } = intake(bus, { practicePerMinute: 5 });
    const answers: number[] = [];
    for (let i = 0; i < 8; i++) answers.push((await post(app, '/v1/practices/A81001/requests').send(smallest)).status);
    expect(answers).toEqual([202, 202, 202, 202, 202, 429, 429, 429]);
    const refused = await post(app, '/v1/practices/A81001/requests').send(smallest).expect(429);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    await post(app, '/v1/practices/B82002/requests').send(smallest).expect(202);
    expect(await published(bus)).toHaveLength(6);
    expect(await counter(metrics.practiceRateLimited, { practice: 'A81001', scope: 'practice' })).toBe(4);
  });

  it("security: a client over its own limit gets 429 and leaves the practice's allowance to its other tools", async () => {
    const { app, repo } = intake(undefined, { practicePerMinute: 6, clientPerMinute: 3 });
    const flooder = await client(repo, ['A81001', 'B82002']);
    const other = await client(repo, ['A81001']);
    const answers: number[] = [];
    for (let i = 0; i < 6; i++)
      answers.push((await post(app, '/v1/practices/A81001/requests', flooder).send(smallest)).status);
    expect(answers).toEqual([202, 202, 202, 429, 429, 429]);
    await post(app, '/v1/practices/B82002/requests', flooder).send(smallest).expect(429);
    // The flooder's refusals took nothing from A81001's six: the other tool gets the three left.
    for (let i = 0; i < 3; i++) await post(app, '/v1/practices/A81001/requests', other).send(smallest).expect(202);
    await post(app, '/v1/practices/A81001/requests', other).send(smallest).expect(429);
  });

  it("happy: a client's own limit and a practice's setting override the defaults", async () => {
    const { app, repo } = intake(undefined, { practicePerMinute: 100, clientPerMinute: 100 });
    const key = await client(repo, ['A81001', 'B82002'], 2);
    await post(app, '/v1/practices/A81001/requests', key).send(smallest).expect(202);
    await post(app, '/v1/practices/A81001/requests', key).send(smallest).expect(202);
    await post(app, '/v1/practices/A81001/requests', key).send(smallest).expect(429);
    await repo.putConfig('B82002', { rateLimitPerMinute: 1 });
    await post(app, '/v1/practices/B82002/requests').send(smallest).expect(202);
    await post(app, '/v1/practices/B82002/requests').send(smallest).expect(429);
  });
});
