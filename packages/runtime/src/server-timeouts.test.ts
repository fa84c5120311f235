import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { listen } from './adapters';

/** Opens a connection, writes `first`, then nothing: resolves with what the server did and when. */
function slowClient(port: number, first: string): Promise<{ ms: number; reply: string }> {
  return new Promise((resolve) => {
    const t0 = Date.now();
    let reply = '';
    const socket = connect(port, '127.0.0.1', () => socket.write(first));
    socket.on('data', (d) => (reply += d.toString()));
    socket.on('close', () => resolve({ ms: Date.now() - t0, reply }));
  });
}

describe('listen: slow clients are cut off', () => {
  const timeouts = { headersTimeoutMs: 300, requestTimeoutMs: 600, keepAliveTimeoutMs: 200, checkIntervalMs: 50 };

  it('security: headers that never finish, or a body that never comes, end the connection with a 408', async () => {
    const server = await listen((_req, res) => res.end('ok'), 0, '127.0.0.1', timeouts);
    const { port } = server.address() as AddressInfo;
    try {
      const headers = await slowClient(port, 'POST /v1/x HTTP/1.1\r\nHost: a\r\n');
      expect(headers.reply).toMatch(/^HTTP\/1.1 408/);
      expect(headers.ms).toBeLessThan(3_000);
      // The handler waits for a body that is never sent.
      server.removeAllListeners('request');
      server.on('request', (req, res) => req.on('end', () => res.end('ok')).resume());
      const body = await slowClient(port, 'POST /v1/x HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\n{');
      expect(body.reply).toMatch(/^HTTP\/1.1 408/);
      expect(body.ms).toBeLessThan(3_000);
    } finally {
      server.close();
    }
  });

  it('happy: an idle kept-alive connection is closed after the keep-alive timeout', async () => {
    const server = await listen((_req, res) => res.end('ok'), 0, '127.0.0.1', timeouts);
    const { port } = server.address() as AddressInfo;
    try {
      const idle = await slowClient(port, 'GET / HTTP/1.1\r\nHost: a\r\n\r\n');
      expect(idle.reply).toMatch(/^HTTP\/1.1 200/);
      expect(idle.ms).toBeLessThan(3_000);
    } finally {
      server.close();
    }
  });
});
