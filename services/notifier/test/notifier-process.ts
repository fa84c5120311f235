// The notifier role as its own OS process, for the crash test: configuration from the environment
// (SLUICE_BUS=kafka, SLUICE_STORE=redis, NOTIFY_* pointing at the test's Notify stand-in), exactly as
// the embedded composition root builds it. SIGUSR2 prints the metrics (the test greps them).
import { loadEnv } from '@sluice/config';
import { createAdapters, onShutdown } from '@sluice/runtime';
import { notifierFromEnv, practiceFactsFrom } from '../src';

async function main() {
  const env = loadEnv();
  const a = await createAdapters(env, 'notifier');
  const notifier = await notifierFromEnv(env, {
    bus: a.bus,
    redis: a.redis,
    log: a.log,
    metrics: a.metrics,
    clock: a.clock,
    publicUrl: 'https://gp.example.nhs.uk',
    groupId: `sluice-notifier${env.SLUICE_GROUP_SUFFIX}`,
    practices: practiceFactsFrom(a.repo),
  });
  process.on('SIGUSR2', () => {
    void a.metrics.registry.metrics().then((text) =>
      process.stdout.write(
        `${text
          .split('\n')
          .map((l) => `METRICS ${l}`)
          .join('\n')}\n`,
      ),
    );
  });
  onShutdown(a.log, [() => notifier.stop(), () => a.close()]);
  while (!notifier.isReady()) await new Promise((r) => setTimeout(r, 50));
  process.stdout.write('notifier ready\n');
}

main().catch((e) => {
  process.stderr.write(`notifier could not start: ${(e as Error).message}\n`);
  process.exit(1);
});
