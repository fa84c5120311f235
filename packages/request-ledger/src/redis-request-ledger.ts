import { createHash } from 'node:crypto';
import { join } from 'node:path';
import {
  createRedisConnector,
  defineScripts,
  loadScript,
  type RedisClient,
  type RedisConnector,
  type ScriptCaller,
} from '@sluice/redis-scripts';
import type { IdempotencyClaim, RequestLedger, StatusRecord, StoredResponse } from './request-ledger';

/** Puts a status unless a later one is stored (`lua/put-status-1.lua`), as `sluice_put_status_v1`. */
const PUT_STATUS = loadScript(join(__dirname, '..', 'lua'), 'put-status-1.lua', 'sluice_', 'v1');

export class RedisRequestLedger implements RequestLedger {
  readonly redis: RedisClient;
  private readonly putStatusScript: ScriptCaller;

  /** `connector`: where Redis is (one node, Sentinel or Cluster); or `url` for one node. */
  constructor(
    private readonly options: { connector?: RedisConnector; url?: string; prefix?: string; commandTimeoutMs?: number },
  ) {
    // A bounded wait: every call here sits on a patient's HTTP request, and a Redis that hangs (rather
    // than refusing connections) would otherwise hang the patient too. Callers answer 503 or carry on.
    // Auto-pipelining: many patients' status writes in one tick leave in one write.
    // Every key is one request's or one idempotency key's (the idempotency keys carry their scope's hash
    // tag), and every command and script touches one key: Cluster-safe as they are.
    if (!options.connector && !options.url) throw new Error('RedisRequestLedger needs a connector or a url');
    const connector = options.connector ?? createRedisConnector({ mode: 'single', url: options.url! });
    this.redis = connector.connect({
      maxRetriesPerRequest: 2,
      commandTimeout: options.commandTimeoutMs ?? 2_000,
      enableAutoPipelining: true,
    });
    this.redis.on('error', () => undefined);
    this.putStatusScript = defineScripts(this.redis, { put: PUT_STATUS }).put;
  }

  private get prefix() {
    return this.options.prefix ?? 'sluice:';
  }

  private idemKey(scope: string, key: string) {
    // Hashed: the header is the sender's text, of any length and alphabet.
    return `${this.prefix}{${scope}}:idem:${createHash('sha256').update(key).digest('hex')}`;
  }

  async claimIdempotencyKey(scope: string, key: string, ttlSeconds: number): Promise<IdempotencyClaim> {
    const k = this.idemKey(scope, key);
    const ok = await this.redis.set(k, 'in-flight', 'EX', ttlSeconds, 'NX');
    if (ok === 'OK') return { state: 'claimed' };
    const v = await this.redis.get(k);
    if (v === null) return this.claimIdempotencyKey(scope, key, ttlSeconds);
    if (v === 'in-flight') return { state: 'in-flight' };
    return { state: 'done', response: JSON.parse(v) as StoredResponse };
  }

  async completeIdempotencyKey(
    scope: string,
    key: string,
    response: StoredResponse,
    ttlSeconds: number,
  ): Promise<void> {
    await this.redis.set(this.idemKey(scope, key), JSON.stringify(response), 'EX', ttlSeconds);
  }

  async releaseIdempotencyKey(scope: string, key: string): Promise<void> {
    await this.redis.del(this.idemKey(scope, key));
  }

  async putStatus(record: StatusRecord, ttlSeconds: number): Promise<boolean> {
    const r = await this.putStatusScript(
      `${this.prefix}status:${record.doc.id}`,
      record.sequence,
      JSON.stringify(record.doc),
      ttlSeconds,
    );
    return r === 1;
  }

  async getStatus(id: string): Promise<StatusRecord | null> {
    const h = await this.redis.hgetall(`${this.prefix}status:${id}`);
    if (!h.doc) return null;
    return { doc: JSON.parse(h.doc), sequence: Number(h.seq) };
  }

  async healthy(): Promise<boolean> {
    try {
      return (await this.redis.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
