import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '@sluice/observability';
import { closeServer, onShutdown } from './shutdown';

const log = createLogger({ service: 't', level: 'silent' });

describe('onShutdown', () => {
  it('happy: runs every step in order, then exits 0', async () => {
    const order: string[] = [];
    const exits: number[] = [];
    const h = onShutdown(
      log,
      [
        async () => void order.push('http'),
        async () => void order.push('consumers'),
        async () => void order.push('bus'),
      ],
      { exit: (c) => void exits.push(c), signals: [] },
    );
    await h.shutdown('SIGTERM');
    expect(order).toEqual(['http', 'consumers', 'bus']);
    expect(exits).toEqual([0]);
  });

  it('error: a failing step does not stop the later ones, and the exit code says it failed', async () => {
    const order: string[] = [];
    const exits: number[] = [];
    const h = onShutdown(
      log,
      [
        async () => {
          throw new Error('boom');
        },
        async () => void order.push('bus'),
      ],
      { exit: (c) => void exits.push(c), signals: [] },
    );
    await h.shutdown('SIGTERM');
    expect(order).toEqual(['bus']);
    expect(exits).toEqual([1]);
  });

  it('error: a step that hangs cannot keep the process past the deadline; a second signal exits at once', async () => {
    const exits: number[] = [];
    const h = onShutdown(log, [() => new Promise<void>(() => undefined)], {
      exit: (c) => void exits.push(c),
      signals: [],
      timeoutMs: 50,
    });
    void h.shutdown('SIGTERM');
    await new Promise((r) => setTimeout(r, 100));
    expect(exits).toEqual([1]);
    await h.shutdown('SIGTERM');
    expect(exits).toEqual([1, 1]);
  });
});

describe('closeServer', () => {
  const listen = (server: Server) =>
    new Promise<number>((r) => server.listen(0, '127.0.0.1', () => r((server.address() as AddressInfo).port)));

  it('happy: a request in flight is answered before the server closes, and new connections are refused', async () => {
    let answer!: () => void;
    const server = createServer((_req, res) => {
      answer = () => res.end('done');
    });
    const port = await listen(server);
    const agent = new Agent({ keepAlive: true });
    const body = new Promise<string>((resolve, reject) => {
      request({ port, host: '127.0.0.1', agent }, (res) => {
        let b = '';
        res.on('data', (d) => (b += d));
        res.on('end', () => resolve(b));
      })
        .on('error', reject)
        .end();
    });
    await new Promise((r) => setTimeout(r, 50));
    let closed = false;
    const closing = closeServer(server, 5000).then(() => (closed = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(closed).toBe(false);
    const refused = await fetch(`http://127.0.0.1:${port}/`).then(
      () => false,
      () => true,
    );
    expect(refused).toBe(true);
    answer();
    expect(await body).toBe('done');
    // The keep-alive connection goes idle after the answer and is closed, so close() completes.
    await closing;
    expect(closed).toBe(true);
    agent.destroy();
  });

  it('error: a request that never finishes is cut after the grace period', async () => {
    const server = createServer(() => undefined);
    const port = await listen(server);
    const failed = fetch(`http://127.0.0.1:${port}/`).then(
      () => false,
      () => true,
    );
    await new Promise((r) => setTimeout(r, 50));
    const t0 = Date.now();
    await closeServer(server, 200);
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(await failed).toBe(true);
  });
});
