// What the fault tests share: Sluice roles as OS processes on private infrastructure, a load that
// remembers every answer, a reader of every decision published, and the tally each test prints
// (requests sent, decided, doubled, lost, over-admitted) so a reader sees the zeros.
import { randomBytes, randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { TOPICS } from '@sluice/contracts';
import {
  startPrivateKafka,
  startPrivateRedis,
  startSluiceProcess,
  type PrivateKafka,
  type PrivateRedis,
  type SluiceProcess,
} from '@sluice/testkit';

export const DAY = '2026-11-30';

/** Settings shared by every process of one Sluice under test. */
export function sluiceEnv(o: { brokers: string[]; redisUrl: string; persistent?: boolean }): Record<string, string> {
  const run = randomUUID().slice(0, 8);
  return {
    SLUICE_BUS: 'kafka',
    SLUICE_STORE: 'redis',
    KAFKA_BROKERS: o.brokers.join(','),
    REDIS_URL: o.redisUrl,
    SLUICE_REDIS_PREFIX: `faults:${run}:`,
    SLUICE_GROUP_SUFFIX: `-${run}`,
    SLUICE_OPERATOR_KEY: randomBytes(24).toString('hex'),
    SLUICE_CONTACT_HASH_SALT: randomBytes(16).toString('hex'),
    SLUICE_NOW: `${DAY}T09:00:00Z`,
    SLUICE_CLOCK: 'running',
    KAFKA_PARTITIONS: '6',
    LOG_LEVEL: 'warn',
    // The shared test Redis persists nothing; a rig's own persists (and is checked) when asked to.
    REDIS_PERSISTENCE_CHECK: o.persistent ? 'on' : 'off',
    // The faults' loads are far beyond one practice's minute; the limits have their own tests.
    SLUICE_PRACTICE_RATE_LIMIT: '1000000',
    SLUICE_CLIENT_RATE_LIMIT: '1000000',
  };
}

export async function startRoles(env: Record<string, string>, roles: string[][]): Promise<SluiceProcess[]> {
  const ps = await Promise.all(roles.map((r) => startSluiceProcess({ roles: r, env, timeoutMs: 90_000 })));
  const t0 = Date.now();
  for (;;) {
    const codes = await Promise.all(
      ps.map((p) =>
        fetch(`${p.url}/readyz`).then(
          (r) => r.status,
          () => 0,
        ),
      ),
    );
    if (codes.every((c) => c === 200)) return ps;
    if (Date.now() - t0 > 60_000) throw new Error(`not ready: ${codes.join(',')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export interface FaultRig {
  /** This describe's own Kafka broker (started before all). */
  readonly broker: PrivateKafka;
  /** This describe's own redis-server, when asked for one (started before all). */
  readonly redis: PrivateRedis;
  /**
   * Sluice roles as OS processes on this rig's broker and Redis (its own, else the shared test Redis),
   * with sluiceEnv's settings and `env` on top; resolves once every one answers /readyz.
   */
  startSluice(
    roles: string[][],
    env?: Record<string, string>,
  ): Promise<{ env: Record<string, string>; procs: SluiceProcess[] }>;
  /** A started DecisionLog of this rig's broker. */
  decisionLog(): Promise<DecisionLog>;
}

/**
 * The setup the fault tests share, as jest hooks of the calling describe: before all, a private Kafka
 * broker (and a private Redis with `redis`); after all, whatever was started is torn down in order:
 * the decision logs, the Sluice processes (SIGKILL), then the broker and Redis.
 */
export function faultRig(o: { redis?: { persist?: boolean } } = {}): FaultRig {
  let broker: PrivateKafka | undefined;
  let redis: PrivateRedis | undefined;
  const procs: SluiceProcess[] = [];
  const logs: DecisionLog[] = [];

  beforeAll(async () => {
    [broker, redis] = await Promise.all([startPrivateKafka(), o.redis ? startPrivateRedis(o.redis) : undefined]);
  });

  afterAll(async () => {
    for (const log of logs) await log.stop();
    await Promise.all(procs.map((p) => p.stop('SIGKILL')));
    await Promise.all([broker?.stop(), redis?.stop()]);
  });

  const started = <T>(what: string, x: T | undefined): T => {
    if (!x)
      throw new Error(
        `faultRig: no ${what} (it starts in beforeAll${what === 'redis' ? ', when asked for with { redis }' : ''})`,
      );
    return x;
  };
  return {
    get broker() {
      return started('broker', broker);
    },
    get redis() {
      return started('redis', redis);
    },
    async startSluice(roles, env = {}) {
      const b = started('broker', broker);
      const all = {
        ...sluiceEnv({
          brokers: b.brokers,
          redisUrl: redis?.url ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
          persistent: o.redis?.persist === true,
        }),
        ...env,
      };
      const ps = await startRoles(all, roles);
      procs.push(...ps);
      return { env: all, procs: ps };
    },
    async decisionLog() {
      const log = new DecisionLog(started('broker', broker).brokers);
      logs.push(log);
      await log.start();
      return log;
    },
  };
}

export function practiceCodes(n: number, letter = 'F'): string[] {
  const base = 10000 + Math.floor(Math.random() * (89999 - n));
  return Array.from({ length: n }, (_, i) => `${letter}${base + i}`);
}

/** Each practice gets `contacts` routine places today (no urgent share, so every request competes for them). */
export async function setCapacity(
  adminUrl: string,
  operatorKey: string,
  practices: string[],
  contacts: number,
): Promise<void> {
  const headers = { authorization: `Bearer ${operatorKey}`, 'content-type': 'application/json' };
  for (const p of practices) {
    const c = await fetch(`${adminUrl}/v1/practices/${p}/config`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ urgentSharePct: 0 }),
    });
    const r = await fetch(`${adminUrl}/v1/practices/${p}/rota/${DAY}`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ clinicians: [{ id: 'gp1', role: 'GP', contacts }] }),
    });
    if (c.status !== 200 || r.status !== 200) throw new Error(`capacity for ${p}: ${c.status}/${r.status}`);
  }
}

export interface Answer {
  status: number;
  id?: string;
  practice: string;
  /** When the request was sent (epoch ms) and how long its answer took. */
  sentAt?: number;
  ms?: number;
}

const BODY = JSON.stringify({
  kind: 'clinical',
  urgency: 'routine',
  description: 'Rash on my arm for two weeks',
  contact: { sms: '07700900123' },
});

/**
 * Posts `total` requests round-robin over `practices`, `concurrency` at a time, each with a time
 * limit (a hung answer counts as status 0). `during` runs alongside, started once `startAfter`
 * requests were answered: the fault.
 */
export async function load(o: {
  /** Intake's URL and the key posts are sent with (the operator's, or a client's). */
  url: string;
  key: string;
  practices: string[];
  total: number;
  concurrency: number;
  timeoutMs?: number;
  paceMs?: number;
  startAfter?: number;
  during?: () => Promise<void>;
}): Promise<{ answers: Answer[]; fault: Promise<void> }> {
  const answers: Answer[] = [];
  let next = 0;
  let fault: Promise<void> = Promise.resolve();
  let faultStarted = false;
  const worker = async () => {
    for (let n = next++; n < o.total; n = next++) {
      const practice = o.practices[n % o.practices.length]!;
      const a: Answer = { status: 0, practice, sentAt: Date.now() };
      try {
        const r = await fetch(`${o.url}/v1/practices/${practice}/requests`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${o.key}` },
          body: BODY,
          signal: AbortSignal.timeout(o.timeoutMs ?? 30_000),
        });
        a.status = r.status;
        const body = (await r.json().catch(() => ({}))) as { id?: string };
        if (r.status === 202 && body.id) a.id = body.id;
      } catch {
        a.status = 0;
      }
      a.ms = Date.now() - a.sentAt!;
      answers.push(a);
      if (!faultStarted && o.during && answers.length >= (o.startAfter ?? 0)) {
        faultStarted = true;
        fault = o.during();
      }
      if (o.paceMs) await new Promise((r) => setTimeout(r, o.paceMs));
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, worker));
  return { answers, fault };
}

export interface DecisionSeen {
  id: string;
  practice: string;
  sequence: number;
  outcome: string;
  share?: string;
  day: string;
  reason: { code: string };
}

/** Reads every consultation.decided.v1 record of a broker into memory (tests only: one run's worth). */
export class DecisionLog {
  readonly byId = new Map<string, DecisionSeen[]>();
  private consumer: Consumer | null = null;

  constructor(private readonly brokers: string[]) {}

  async start(): Promise<void> {
    const kafka = new Kafka({
      clientId: 'faults-reader',
      brokers: this.brokers,
      logLevel: logLevel.NOTHING,
      retry: { retries: 30 },
    });
    this.consumer = kafka.consumer({
      groupId: `faults-reader-${randomUUID()}`,
      maxWaitTimeInMs: 100,
      sessionTimeout: 30_000,
    });
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: TOPICS.decided, fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ message }) => {
        const d = JSON.parse(message.value?.toString() ?? '{}') as DecisionSeen;
        const list = this.byId.get(d.id) ?? [];
        list.push(d);
        this.byId.set(d.id, list);
      },
    });
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect().catch(() => undefined);
  }

  /** Waits until every id has a first decision (or the timeout passes). */
  async waitForAll(ids: string[], timeoutMs: number): Promise<void> {
    const t0 = Date.now();
    while (Date.now() - t0 < timeoutMs && ids.some((id) => !this.byId.get(id)?.some((d) => d.sequence === 1))) {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

export interface Tally {
  sent: number;
  answered202: number;
  other: Record<string, number>;
  decided: number;
  lost: number;
  doubled: number;
  republished: number;
  overAdmitted: number;
  reservationMismatch: number;
}

/**
 * Counts what matters for ids answered 202: decided (a first decision was published), lost (none),
 * doubled (two first decisions that differ: the request was decided twice), republished (the same
 * first decision published again after a redelivery: allowed, the notifier sends one message per
 * (id, sequence)). Over-admission compares each practice-day's accepted requests (every one published,
 * 202'd or not) with its safe capacity and with the store's own count, read from the admin API.
 */
export async function tally(
  answers: Answer[],
  log: DecisionLog,
  admin: { url: string; key: string },
  practices: string[],
): Promise<Tally> {
  const ids = answers.filter((a) => a.id).map((a) => a.id!);
  const other: Record<string, number> = {};
  for (const a of answers) if (a.status !== 202) other[String(a.status)] = (other[String(a.status)] ?? 0) + 1;
  let decided = 0;
  let doubled = 0;
  let republished = 0;
  const accepted = new Map<string, number>();
  for (const id of ids) {
    const firsts = (log.byId.get(id) ?? []).filter((d) => d.sequence === 1);
    if (firsts.length === 0) continue;
    decided += 1;
    const shapes = new Set(firsts.map((d) => `${d.outcome}|${d.share ?? ''}|${d.day}|${d.reason.code}`));
    if (shapes.size > 1) doubled += 1;
    else if (firsts.length > 1) republished += 1;
  }
  // Reservations are compared with every accepted decision published, not only the 202'd ones: a request
  // whose publish timed out at intake (503) may still have reached the broker and been accepted.
  for (const decisions of log.byId.values()) {
    const first = decisions.find((d) => d.sequence === 1);
    if (first?.outcome === 'accepted') accepted.set(first.practice, (accepted.get(first.practice) ?? 0) + 1);
  }
  let overAdmitted = 0;
  let reservationMismatch = 0;
  for (const p of practices) {
    const r = await fetch(`${admin.url}/v1/practices/${p}/state?date=${DAY}`, {
      headers: { authorization: `Bearer ${admin.key}` },
    });
    const s = (await r.json()) as { shares: { routine: { used: number; safe: number } } };
    const mine = accepted.get(p) ?? 0;
    overAdmitted +=
      Math.max(0, mine - s.shares.routine.safe) + Math.max(0, s.shares.routine.used - s.shares.routine.safe);
    // Every reservation the store holds belongs to one accepted request we were told of, and vice versa.
    reservationMismatch += Math.abs(s.shares.routine.used - mine);
  }
  return {
    sent: answers.length,
    answered202: ids.length,
    other,
    decided,
    lost: ids.length - decided,
    doubled,
    republished,
    overAdmitted,
    reservationMismatch,
  };
}

/** What the answers given between `from` and `to` (epoch ms) were: 5xx share and the longest. */
export function answeredDuring(answers: Answer[], from: number, to: number) {
  const inside = answers.filter((a) => a.sentAt !== undefined && a.sentAt + (a.ms ?? 0) >= from && a.sentAt <= to);
  const fivexx = inside.filter((a) => a.status >= 500 || a.status === 0).length;
  const longest = Math.max(0, ...inside.map((a) => a.ms ?? 0));
  return { answers: inside.length, fivexx, longest };
}

export function report(name: string, t: Tally, extra: Record<string, unknown> = {}): void {
  const other =
    Object.entries(t.other)
      .map(([k, v]) => `${k === '0' ? 'no answer' : k}: ${v}`)
      .join(', ') || 'none';
  console.log(
    `[faults] ${name}\n  sent ${t.sent}, answered 202 ${t.answered202}, other answers ${other}\n` +
      `  decided ${t.decided}, lost ${t.lost}, doubled ${t.doubled}, over-admitted ${t.overAdmitted}, reservations ≠ accepted ${t.reservationMismatch}` +
      `, republished (same decision again, one message) ${t.republished}` +
      (Object.keys(extra).length
        ? `\n  ${Object.entries(extra)
            .map(([k, v]) => `${k} ${String(v)}`)
            .join(', ')}`
        : ''),
  );
}
