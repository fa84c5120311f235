import type { Server } from 'node:http';
import type { Logger } from '@sluice/observability';

export interface ShutdownOptions {
  /** Longest the whole shutdown may take; then the process exits with 1 anyway. */
  timeoutMs?: number;
  /** How the process ends (tests pass a fake). */
  exit?: (code: number) => void;
  signals?: readonly NodeJS.Signals[];
}

export interface ShutdownHandle {
  /** Runs the steps as a signal would (tests, and the second-signal path). */
  shutdown(reason: string): Promise<void>;
}

/**
 * Graceful shutdown on SIGTERM/SIGINT: the steps run in order (stop taking HTTP requests, let
 * consumers finish the batch in hand and commit, then disconnect), and the process exits 0, or 1 if
 * a step failed. A step that hangs cannot keep the process past `timeoutMs` (an orchestrator would
 * SIGKILL it anyway, mid-write; better to exit ourselves and say so). A second signal exits at once.
 */
export function onShutdown(log: Logger, steps: (() => Promise<void>)[], options: ShutdownOptions = {}): ShutdownHandle {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const timeoutMs = options.timeoutMs ?? 25_000;
  let stopping = false;
  const shutdown = async (reason: string) => {
    if (stopping) {
      log.warn({ reason }, 'second signal: exiting without finishing the shutdown');
      exit(1);
      return;
    }
    stopping = true;
    const started = Date.now();
    log.info({ reason, timeoutMs }, 'shutting down');
    const deadline = setTimeout(() => {
      log.error({ timeoutMs }, 'shutdown did not finish in time; exiting anyway');
      exit(1);
    }, timeoutMs);
    deadline.unref();
    let failed = false;
    for (const step of steps) {
      try {
        await step();
      } catch (e) {
        failed = true;
        log.error({ err: (e as Error).message }, 'shutdown step failed');
      }
    }
    clearTimeout(deadline);
    log.info({ ms: Date.now() - started }, 'stopped');
    exit(failed ? 1 : 0);
  };
  for (const signal of options.signals ?? ['SIGTERM', 'SIGINT']) process.on(signal, () => void shutdown(signal));
  return { shutdown };
}

/**
 * Stops accepting connections and resolves once the requests in flight have been answered. Idle
 * keep-alive connections are closed as they go idle (a client holding one open would otherwise keep
 * the server alive); whatever is still open after `graceMs` is cut.
 */
export function closeServer(server: Server, graceMs = 10_000): Promise<void> {
  return new Promise((resolve) => {
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    const cut = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(cut);
      resolve();
    });
    server.closeIdleConnections();
  });
}
