import { randomUUID } from 'node:crypto';
import type { DecisionRow, SluiceRecord } from './record';

const practiceCode = () => `R${String(Math.floor(Math.random() * 1e5)).padStart(5, '0')}`;

export function decisionRow(over: Partial<DecisionRow> = {}): DecisionRow {
  return {
    requestId: randomUUID(),
    sequence: 1,
    practice: 'A81001',
    day: '2026-11-30',
    outcome: 'accepted',
    reasonCode: 'accepted-routine',
    share: 'routine',
    flags: [],
    kind: 'clinical',
    urgency: 'routine',
    receivedAt: '2026-11-30T10:00:00.000Z',
    decidedAt: '2026-11-30T10:00:00.050Z',
    ...over,
  };
}

/** One suite for every SluiceRecord: PostgreSQL, PGlite and memory. */
export function runRecordContract(
  name: string,
  factory: () => Promise<{ record: SluiceRecord; cleanup: () => Promise<void> }>,
): void {
  describe(`SluiceRecord contract: ${name}`, () => {
    let fx: { record: SluiceRecord; cleanup: () => Promise<void> };
    beforeAll(async () => {
      fx = await factory();
    }, 240_000);
    afterAll(async () => fx?.cleanup());

    it('happy: a document written is read back, as a copy, with its version; each write is kept in its history', async () => {
      const p = practiceCode();
      expect(await fx.record.getDocument(p, 'config')).toBeNull();
      const doc = { policy: 'bma-safe-working', thresholds: { amber: 0.8 } };
      await fx.record.putDocument({
        practice: p,
        kind: 'config',
        slot: '',
        document: doc,
        version: 'v1',
        writtenAt: '2026-11-30T09:00:00Z',
        writtenBy: 'operator',
      });
      doc.policy = 'changed';
      await fx.record.putDocument({
        practice: p,
        kind: 'rota',
        slot: '2026-11-30',
        document: { clinicians: [{ role: 'gp', safe: 25 }] },
        version: 'v2',
        writtenAt: '2026-11-30T09:01:00Z',
      });
      await fx.record.putDocument({
        practice: p,
        kind: 'config',
        slot: '',
        document: { policy: 'gms-contract-2025' },
        version: 'v3',
        writtenAt: '2026-11-30T09:02:00Z',
      });
      expect(await fx.record.getDocument(p, 'config')).toEqual({
        practice: p,
        kind: 'config',
        slot: '',
        document: { policy: 'gms-contract-2025' },
        version: 'v3',
        writtenAt: '2026-11-30T09:02:00.000Z',
      });
      expect((await fx.record.getDocument(p, 'rota', '2026-11-30'))?.document).toEqual({
        clinicians: [{ role: 'gp', safe: 25 }],
      });
      expect(await fx.record.getDocument(p, 'rota', '2026-12-01')).toBeNull();
      expect((await fx.record.documents(p)).map((d) => [d.kind, d.slot, d.version])).toEqual([
        ['config', '', 'v3'],
        ['rota', '2026-11-30', 'v2'],
      ]);
      const history = await fx.record.documentHistory(p, 'config');
      expect(history.map((h) => [h.version, h.document, h.writtenBy])).toEqual([
        ['v1', { policy: 'bma-safe-working', thresholds: { amber: 0.8 } }, 'operator'],
        ['v3', { policy: 'gms-contract-2025' }, undefined],
      ]);
      expect(await fx.record.practices()).toContain(p);
    });

    it('happy: a cleared document (a lifted pause) is kept as null, and the pause audit says who, why and when, in order', async () => {
      const p = practiceCode();
      await fx.record.putDocument({
        practice: p,
        kind: 'pause',
        slot: '',
        document: { reason: 'flooded surgery', by: 'Dr Ames', until: '2026-12-01T00:00:00Z' },
        version: 'a',
        writtenAt: '2026-11-30T09:00:00Z',
      });
      await fx.record.putDocument({
        practice: p,
        kind: 'pause',
        slot: '',
        document: null,
        version: 'b',
        writtenAt: '2026-11-30T12:00:00Z',
      });
      expect((await fx.record.getDocument(p, 'pause'))?.document).toBeNull();
      await fx.record.appendPauseAudit({
        practice: p,
        action: 'declared',
        reason: 'flooded surgery',
        by: 'Dr Ames',
        until: '2026-12-01T00:00:00Z',
        at: '2026-11-30T09:00:00Z',
      });
      await fx.record.appendPauseAudit({ practice: p, action: 'lifted', by: 'operator', at: '2026-11-30T12:00:00Z' });
      expect(await fx.record.pauseAudit(p)).toEqual([
        {
          practice: p,
          action: 'declared',
          reason: 'flooded surgery',
          by: 'Dr Ames',
          until: '2026-12-01T00:00:00.000Z',
          at: '2026-11-30T09:00:00.000Z',
        },
        { practice: p, action: 'lifted', by: 'operator', at: '2026-11-30T12:00:00.000Z' },
      ]);
      expect(await fx.record.pauseAudit(practiceCode())).toEqual([]);
    });

    it('security: keys are kept as hashes, listed oldest first, revoked once and then found no more', async () => {
      const p = practiceCode();
      const other = practiceCode();
      const k1 = {
        id: randomUUID(),
        practice: p,
        hash: randomUUID(),
        createdAt: '2026-11-30T09:00:00.000Z',
        label: 'console',
      };
      const k2 = { id: randomUUID(), practice: p, hash: randomUUID(), createdAt: '2026-11-30T10:00:00.000Z' };
      await fx.record.putApiKey(k2);
      await fx.record.putApiKey(k1);
      await fx.record.putApiKey(k1); // a retried write is one key
      expect(await fx.record.apiKeys(p)).toEqual([k1, k2]);
      expect(await fx.record.revokeApiKey(other, k1.id, '2026-11-30T11:00:00Z')).toBe(false);
      expect(await fx.record.revokeApiKey(p, k1.id, '2026-11-30T11:00:00Z')).toBe(true);
      expect(await fx.record.revokeApiKey(p, k1.id, '2026-11-30T11:00:01Z')).toBe(false);
      expect(await fx.record.apiKeys(p)).toEqual([k2]);
      expect((await fx.record.apiKeys()).map((k) => k.id)).toContain(k2.id);
    });

    it('happy: screenings are written once per request id; a redelivery adds nothing', async () => {
      const s = {
        requestId: randomUUID(),
        practice: 'A81001',
        receivedAt: '2026-11-30T10:00:00Z',
        kind: 'clinical',
        urgency: 'urgent',
        outcome: 'concern',
        ruleId: 'chest-pain-exertion',
        rulesVersion: '3',
      };
      const bare = {
        requestId: randomUUID(),
        practice: 'A81001',
        receivedAt: '2026-11-30T10:00:01Z',
        kind: 'admin',
        urgency: 'routine',
        outcome: 'clear',
      };
      expect(await fx.record.writeScreenings([s, bare])).toBe(2);
      expect(await fx.record.writeScreenings([s, { ...bare, outcome: 'concern' }])).toBe(0);
      expect(await fx.record.screening(s.requestId)).toEqual({ ...s, receivedAt: '2026-11-30T10:00:00.000Z' });
      expect(await fx.record.screening(bare.requestId)).toEqual({ ...bare, receivedAt: '2026-11-30T10:00:01.000Z' });
      expect(await fx.record.screening(randomUUID())).toBeNull();
    });

    it('happy: decisions are written once per (request id, sequence), in batches larger than one statement', async () => {
      const p = practiceCode();
      const queued = decisionRow({
        practice: p,
        outcome: 'queued',
        reasonCode: 'queued-routine',
        share: undefined,
        queuePosition: 3,
        expectedDay: '2026-12-01',
        decidedAt: '2026-11-30T10:00:01.000Z',
      });
      const promoted = {
        ...queued,
        sequence: 2,
        outcome: 'accepted',
        reasonCode: 'accepted-routine',
        share: 'routine',
        queuePosition: undefined,
        expectedDay: undefined,
        flags: ['promoted'],
        decidedAt: '2026-11-30T11:00:00.000Z',
      };
      const many = Array.from({ length: 1203 }, (_, i) =>
        decisionRow({ practice: p, decidedAt: new Date(Date.parse('2026-11-30T10:00:00Z') + i).toISOString() }),
      );
      expect(await fx.record.writeDecisions([queued, ...many])).toBe(1204);
      expect(await fx.record.writeDecisions([queued, promoted, many[7]!])).toBe(1);
      const rows = await fx.record.decisions(queued.requestId);
      expect(rows).toEqual([JSON.parse(JSON.stringify(queued)), JSON.parse(JSON.stringify(promoted))]);
      const day = await fx.record.decisionsOn(p, '2026-11-30');
      expect(day).toHaveLength(1205);
      expect(day[day.length - 1]).toMatchObject({ requestId: queued.requestId, sequence: 2 });
      const times = day.map((d) => Date.parse(d.decidedAt));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(await fx.record.decisionsOn(p, '2026-12-01')).toEqual([]);
    });

    it('happy: prune deletes what is older than the cut and keeps the rest', async () => {
      const p = practiceCode();
      const old = decisionRow({
        practice: p,
        day: '2024-11-29',
        receivedAt: '2024-11-29T10:00:00Z',
        decidedAt: '2024-11-29T10:00:01Z',
      });
      const young = decisionRow({
        practice: p,
        day: '2026-11-29',
        receivedAt: '2026-11-29T10:00:00Z',
        decidedAt: '2026-11-29T10:00:01Z',
      });
      await fx.record.writeDecisions([old, young]);
      await fx.record.writeScreenings([
        {
          requestId: old.requestId,
          practice: p,
          receivedAt: old.receivedAt,
          kind: 'clinical',
          urgency: 'routine',
          outcome: 'clear',
        },
        {
          requestId: young.requestId,
          practice: p,
          receivedAt: young.receivedAt,
          kind: 'clinical',
          urgency: 'routine',
          outcome: 'clear',
        },
      ]);
      const pruned = await fx.record.prune('2024-11-30T00:00:00Z');
      expect(pruned.decisions).toBeGreaterThanOrEqual(1);
      expect(pruned.screenings).toBeGreaterThanOrEqual(1);
      expect(await fx.record.decisions(old.requestId)).toEqual([]);
      expect(await fx.record.screening(old.requestId)).toBeNull();
      expect(await fx.record.decisions(young.requestId)).toHaveLength(1);
      expect(await fx.record.screening(young.requestId)).not.toBeNull();
    });

    it("happy: imported demand is kept once per row key and read back with Sluice's own screenings, oldest first", async () => {
      const p = practiceCode();
      const rows = [
        {
          key: 'r1',
          receivedAt: new Date('2026-11-02T09:00:00Z'),
          kind: 'clinical' as const,
          urgency: 'routine' as const,
        },
        {
          key: 'r2',
          receivedAt: new Date('2026-11-01T09:00:00Z'),
          kind: 'admin' as const,
          urgency: 'routine' as const,
        },
        {
          key: 'r3',
          receivedAt: new Date('2026-10-01T09:00:00Z'),
          kind: 'clinical' as const,
          urgency: 'urgent' as const,
        },
      ];
      expect(await fx.record.importRows(p, rows)).toEqual({ added: 3, duplicates: 0 });
      expect(await fx.record.importRows(p, rows.slice(0, 2))).toEqual({ added: 0, duplicates: 2 });
      await fx.record.writeScreenings([
        {
          requestId: randomUUID(),
          practice: p,
          receivedAt: '2026-11-01T12:00:00Z',
          kind: 'clinical',
          urgency: 'urgent',
          outcome: 'clear',
        },
      ]);
      expect(await fx.record.demand(p, new Date('2026-11-01T00:00:00Z'), new Date('2026-11-02T09:00:00Z'))).toEqual([
        { receivedAt: new Date('2026-11-01T09:00:00Z'), kind: 'admin', urgency: 'routine' },
        { receivedAt: new Date('2026-11-01T12:00:00Z'), kind: 'clinical', urgency: 'urgent' },
      ]);
      expect(await fx.record.demand(practiceCode(), new Date(0), new Date())).toEqual([]);
    });

    it('happy: says it is healthy while open', async () => {
      expect(await fx.record.healthy()).toBe(true);
    });
  });
}
