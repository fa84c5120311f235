// The load generator: autocannon POSTing consultation requests to many practices at once, keeping
// the id of every request answered 202 so the bench can check each one was decided.
import autocannon from 'autocannon';

export const ods = (n: number): string => `C${String(10000 + n).padStart(5, '0')}`;

const BODY = JSON.stringify({
  kind: 'clinical',
  urgency: 'routine',
  description: 'Itchy rash on my forearm for two weeks, getting worse at night',
  contact: { sms: '07700900123' },
});

export interface LoadResult {
  ids: string[];
  startedAt: number;
  endedAt: number;
  sent: number;
  accepted: number;
  non2xx: number;
  errors: number;
  /** HTTP round trip, ms */
  httpP50: number;
  httpP99: number;
  rps: number;
}

export interface LoadOptions {
  url: string;
  /** Sent as `Authorization: Bearer <key>` (intake refuses posts without one). */
  key?: string;
  practices: number;
  seconds: number;
  connections: number;
  /** Requests per second for all connections together (fixed-rate runs); absent = as fast as it goes. */
  rate?: number;
  /** A bare server: no ids to collect. */
  bare?: boolean;
  /** The first practice's number (ods(first) … ods(first + practices − 1)); default 0. */
  first?: number;
}

export function runLoad(o: LoadOptions): Promise<LoadResult> {
  const ids: string[] = [];
  let n = 0;
  let non2xx = 0;
  const startedAt = Date.now();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: o.url,
        connections: o.connections,
        duration: o.seconds,
        ...(o.rate ? { overallRate: o.rate } : {}),
        headers: { 'content-type': 'application/json', ...(o.key ? { authorization: `Bearer ${o.key}` } : {}) },
        requests: [
          {
            method: 'POST',
            body: BODY,
            setupRequest: (req: autocannon.Request) => ({
              ...req,
              path: `/v1/practices/${ods((o.first ?? 0) + (n++ % o.practices))}/requests`,
            }),
            onResponse: (status: number, body: string) => {
              if (status !== 202) {
                non2xx += 1;
                return;
              }
              if (!o.bare) ids.push(body.slice(7, 43)); // {"id":"<uuid>",... (checked below)
            },
          } as autocannon.Request,
        ],
      },
      (err, r) => {
        if (err) return reject(err);
        const endedAt = Date.now();
        const bad = ids.filter((id) => !/^[0-9a-f-]{36}$/.test(id));
        if (bad.length) return reject(new Error(`unexpected 202 body shape (id "${bad[0]}")`));
        resolve({
          ids,
          startedAt,
          endedAt,
          sent: r.requests.sent,
          accepted: r['2xx'],
          non2xx,
          errors: r.errors + r.timeouts,
          httpP50: r.latency.p50,
          httpP99: r.latency.p99,
          rps: r['2xx'] / Math.max(0.001, r.duration),
        });
      },
    );
    instance.on('error', reject);
  });
}
