import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdminRouter, createPlanningRouter, startCapacityService, type CapacityService } from '@sluice/capacity';
import { publicUrl, type Env } from '@sluice/config';
import { PauseBody, PracticeConfig, problem, TOPICS } from '@sluice/contracts';
import { createFastListener, createHttpApp, finishHttpApp, type FastRoute } from '@sluice/http-kit';
import {
  createClientDirectory,
  createIntakeLimiter,
  createIntakeRouter,
  intakeFastRoutes,
  startStatusProjector,
  type IntakeDeps,
  type Screen,
} from '@sluice/intake';
import {
  createPlanning,
  createPracticeAdmin,
  MemoryDemandHistory,
  newOperatorKey,
  principalStillValid,
} from '@sluice/practice-admin';
import { notifierFromEnv, practiceFactsFrom, type NotificationChannel } from '@sluice/notifier';
import { bornAtZero, CHANNELS } from '@sluice/observability';
import { closeServer, createAdapters, listen, startLagMonitor, type Adapters, type LagMonitor } from '@sluice/runtime';
import { startHistoryWriter, startRetention, type Retention } from '@sluice/record';
import { createStatusReader } from '@sluice/request-ledger';
import { screen } from '@sluice/triage';
import type { Subscription } from '@sluice/event-bus';
import {
  createAssetsRouter,
  createConsoleRouter,
  createHomeRouter,
  createRender,
  createSessions,
  createSignInThrottle,
  createStatusPageRouter,
  createViews,
  MemorySessionStore,
  RedisSessionStore,
  type SignInThrottleOptions,
} from '@sluice/web';
import { createApiDocsRouter } from './api-docs';

export const ROLES = ['intake', 'capacity', 'notifier'] as const;
export type Role = (typeof ROLES)[number];

export interface SluiceOptions {
  roles?: readonly Role[];
  /** Overrides the notification channel (tests). */
  channel?: NotificationChannel;
  /** Practice sweep period; 0 turns the timer off (tests drive it). */
  tickMs?: number;
  /** Consumer group ids' suffix, so tests can run several Sluices on one broker. */
  groupSuffix?: string;
  /** Overrides the red-flag screen (tests that need an outcome whatever the rules flag). */
  screen?: Screen;
  /**
   * The embedded default started from the command line: with neither DATABASE_URL nor SLUICE_DATA_DIR,
   * the record is PGlite in ./.sluice-data (tests leave it off and get a memory record).
   */
  defaultDataDir?: boolean;
  /** The console's failed sign-in limits (tests shorten them). */
  signIn?: Pick<SignInThrottleOptions, 'maxFailures' | 'windowSeconds' | 'baseDelayMs' | 'maxDelayMs'>;
}

export interface Sluice {
  url: string;
  port: number;
  operatorKey: string;
  operatorKeyGenerated: boolean;
  adapters: Adapters;
  capacity: CapacityService | null;
  channel: NotificationChannel | null;
  server: Server;
  stop(): Promise<void>;
}

/**
 * Starts the roles asked for in this process, on one HTTP port: all three for the embedded default,
 * one for a service-per-process deployment. Each role's HTTP routes and consumers are the same code
 * whichever way it runs; only the adapters (from SLUICE_BUS / SLUICE_STORE) differ.
 */
export async function startSluice(env: Env, options: SluiceOptions = {}): Promise<Sluice> {
  const roles = new Set(options.roles ?? ROLES);
  const service = roles.size === ROLES.length ? 'sluice' : [...roles].join('+');
  const a = await createAdapters(env, service, {
    embedded: roles.size === ROLES.length && options.defaultDataDir === true,
  });
  const operatorKeyGenerated = !env.SLUICE_OPERATOR_KEY;
  const operatorKey = env.SLUICE_OPERATOR_KEY ?? newOperatorKey();
  const retentionSeconds = env.SLUICE_RETENTION_DAYS * 24 * 3600;
  // Intake and capacity must hash contacts with one salt; in one process a random one will do.
  const contactHashSalt =
    env.SLUICE_CONTACT_HASH_SALT ?? (roles.size === ROLES.length ? randomBytes(24).toString('hex') : undefined);
  const suffix = options.groupSuffix ?? env.SLUICE_GROUP_SUFFIX;
  const subscriptions: Subscription[] = [];
  let started = false;
  let stopping = false;

  const app = createHttpApp({
    service,
    // SLUICE_SECURE_COOKIES says Sluice is served behind TLS: only then is HSTS sent.
    tls: env.SLUICE_SECURE_COOKIES,
    metrics: a.metrics,
    log: a.log,
    readiness: [
      { name: 'bus', check: () => a.bus.healthy() },
      { name: 'store', check: async () => (a.storeWatch?.ready() ?? true) && (await a.store.healthy()) },
      {
        name: 'record',
        check: async () => {
          const up = await a.record.healthy();
          a.metrics.recordUp.set(up ? 1 : 0);
          return up;
        },
      },
      // Not ready until every role has started (a consumer still waiting to join its group has not
      // subscribed yet), nor once shutdown has begun, so a load balancer stops sending first.
      { name: 'consumers', check: async () => started && subscriptions.every((s) => s.isReady()) },
      { name: 'accepting', check: async () => !stopping },
    ],
  });

  // The port is known only once listening (PORT=0 in tests) and status links need it, so the port opens
  // first with a gate that answers 503 (not ready) until every route and consumer is in place.
  app.use((req, res, next) => {
    if (started || req.path === '/healthz' || req.path === '/readyz' || req.path === '/metrics') return next();
    res
      .status(503)
      .type('application/problem+json')
      .send(JSON.stringify(problem(503, 'Starting', 'Sluice is starting. Try again in a moment.')));
  });
  // Intake's create route is also served on the HTTP listener's fast path once every role has started
  // (docs/decisions/0010-hot-route-fast-path.md); until then, and for any request it does not take, express.
  const fastRoutes: FastRoute[] = [];
  const listener = createFastListener(app, {
    service,
    metrics: a.metrics,
    log: a.log,
    routes: fastRoutes,
    open: () => started,
    tls: env.SLUICE_SECURE_COOKIES,
  });
  const server = await listen(listener, env.PORT, env.HOST);
  const port = (server.address() as AddressInfo).port;
  const url = publicUrl(env, port);
  a.log.info({ port, roles: [...roles] }, 'listening; not ready until every role has started');

  let capacity: CapacityService | null = null;
  let retention: Retention | null = null;
  let channel: NotificationChannel | null = null;
  // Pages for people: the patient status page with intake, the console and ICB overview with capacity.
  const secure = env.SLUICE_SECURE_COOKIES;
  const render = roles.has('intake') || roles.has('capacity') ? createRender(createViews()) : null;
  if (render) app.use(createAssetsRouter(), createHomeRouter({ render, secure }));
  // The contract, HTTP and events, generated from the zod schemas the routes and consumers validate with.
  app.use(
    createApiDocsRouter({
      publicUrl: url,
      ...(env.SLUICE_BUS === 'kafka' ? { brokers: env.KAFKA_BROKERS.split(',').map((b) => b.trim()) } : {}),
    }),
  );
  if (roles.has('intake')) {
    const livePosition = (practice: string, id: string) => a.store.position(practice, id);
    const intakeDeps: IntakeDeps = {
      bus: a.bus,
      ledger: a.ledger,
      clock: a.clock,
      screen: options.screen ?? screen,
      metrics: a.metrics,
      log: a.log,
      publicUrl: url,
      retentionSeconds,
      ...(contactHashSalt ? { contactHashSalt } : {}),
      livePosition,
      clients: createClientDirectory({ operatorKey, repo: a.repo }),
      // On the same store as the rest: Redis when there is one, memory in the embedded default.
      limiter: createIntakeLimiter({ redis: a.redis, prefix: env.SLUICE_REDIS_PREFIX }),
      rateLimits: { practicePerMinute: env.SLUICE_PRACTICE_RATE_LIMIT, clientPerMinute: env.SLUICE_CLIENT_RATE_LIMIT },
    };
    app.use(createIntakeRouter(intakeDeps));
    fastRoutes.push(...intakeFastRoutes(intakeDeps));
    // The practice's name, phone and pause now, from its settings (the status document holds none of them).
    const practiceFacts = async (ods: string) => {
      const parsed = PracticeConfig.safeParse((await a.repo.getConfig(ods)) ?? {});
      const config = parsed.success ? parsed.data : PracticeConfig.parse({});
      const pause = PauseBody.safeParse(await a.repo.getPause(ods));
      return {
        name: config.name,
        phone: config.phone,
        paused: pause.success && Date.parse(pause.data.until) > a.clock.now().getTime(),
      };
    };
    app.use(
      createStatusPageRouter({
        readStatus: createStatusReader({ ledger: a.ledger, livePosition }),
        practiceFacts,
        now: () => a.clock.now(),
        render: render!,
        secure,
      }),
    );
    subscriptions.push(
      await startStatusProjector({
        bus: a.bus,
        ledger: a.ledger,
        metrics: a.metrics,
        log: a.log,
        retentionSeconds,
        groupId: `sluice-intake-status${suffix}`,
      }),
    );
  }
  if (roles.has('capacity')) {
    // Demand history: imports and Sluice's own screenings in the record; in memory when the record is.
    const demandHistory = a.record.kind === 'memory' ? new MemoryDemandHistory() : a.record;
    capacity = await startCapacityService({
      bus: a.bus,
      store: a.store,
      repo: a.repo,
      clock: a.clock,
      metrics: a.metrics,
      log: a.log,
      groupId: `sluice-capacity${suffix}`,
      tickMs: options.tickMs ?? env.SLUICE_SWEEP_INTERVAL_MS,
    });
    subscriptions.push(capacity.subscription);
    // The history writer and retention run beside the decider. A memory record keeps nothing across a
    // restart and would only grow, so it gets neither.
    if (a.record.kind !== 'memory') {
      subscriptions.push(
        await startHistoryWriter({
          bus: a.bus,
          record: a.record,
          metrics: a.metrics,
          log: a.log,
          groupId: `sluice-history${suffix}`,
        }),
      );
      retention = startRetention({
        record: a.record,
        clock: a.clock,
        metrics: a.metrics,
        log: a.log,
        days: env.SLUICE_HISTORY_RETENTION_DAYS,
      });
    }
    app.use(
      createAdminRouter({
        store: a.store,
        repo: a.repo,
        bus: a.bus,
        clock: a.clock,
        log: a.log,
        monitor: capacity.monitor,
        operatorKey,
        ...(contactHashSalt ? { contactHashSalt } : {}),
      }),
    );
    const planning = createPlanning({
      admin: createPracticeAdmin({
        store: a.store,
        repo: a.repo,
        bus: a.bus,
        clock: a.clock,
        log: a.log,
        monitor: capacity.monitor,
      }),
      history: demandHistory,
      clock: a.clock,
      log: a.log,
    });
    app.use(createPlanningRouter({ planning, repo: a.repo, operatorKey }));
    // Sessions follow wall-clock time, not SLUICE_NOW: a fixed demo clock must not freeze idle timeouts.
    const sessionStore = a.redis ? new RedisSessionStore(a.redis, env.SLUICE_REDIS_PREFIX) : new MemorySessionStore();
    app.use(
      createConsoleRouter({
        admin: createPracticeAdmin({
          store: a.store,
          repo: a.repo,
          bus: a.bus,
          clock: a.clock,
          log: a.log,
          monitor: capacity.monitor,
        }),
        store: a.store,
        repo: a.repo,
        operatorKey,
        sessions: createSessions({ store: sessionStore, secure, stillValid: (p) => principalStillValid(p, a.repo) }),
        signInThrottle: createSignInThrottle({ ...options.signIn, redis: a.redis, prefix: env.SLUICE_REDIS_PREFIX }),
        render: render!,
        log: a.log,
        secure,
        planning,
      }),
    );
  }
  if (roles.has('notifier')) {
    const notifier = await notifierFromEnv(env, {
      bus: a.bus,
      redis: a.redis,
      log: a.log,
      metrics: a.metrics,
      clock: a.clock,
      publicUrl: url,
      groupId: `sluice-notifier${suffix}`,
      practices: practiceFactsFrom(a.repo),
      ...(options.channel ? { channel: options.channel } : {}),
    });
    channel = notifier.channel;
    subscriptions.push(notifier);
  }
  // Counters whose labels are known now start at 0, so the first dead letter or refusal alerts.
  bornAtZero(a.metrics, {
    deadLetterTopics: [
      ...new Set([
        ...(roles.has('capacity') ? [TOPICS.requested] : []),
        ...(roles.has('intake') || roles.has('notifier') ? [TOPICS.decided] : []),
      ]),
    ],
    ...(roles.has('notifier') ? { channels: CHANNELS } : {}),
    levels: roles.has('capacity'),
  });
  finishHttpApp(app, a.log);
  const lag: LagMonitor | null = subscriptions.length
    ? startLagMonitor({ bus: a.bus, metrics: a.metrics, log: a.log, intervalMs: env.SLUICE_LAG_INTERVAL_MS })
    : null;
  started = true;

  return {
    url,
    port,
    operatorKey,
    operatorKeyGenerated,
    adapters: a,
    capacity,
    channel,
    server,
    // In this order: HTTP requests in flight finish (they publish to the bus), then each consumer
    // finishes the batch in hand and commits its offsets, then the bus flushes and disconnects.
    stop: async () => {
      stopping = true;
      await closeServer(server);
      await lag?.stop();
      retention?.stop();
      if (capacity) await capacity.stop();
      await Promise.all(subscriptions.filter((s) => s !== capacity?.subscription).map((s) => s.stop()));
      await a.close();
    },
  };
}
