// Between the store's TypeScript shapes and what its Lua scripts take and return (kept apart from the
// store itself, which builds keys and runs the scripts).
import type { DecideInput, DecideResult, ShareName, StoredDecision, StoredOutcome, StorePlan, WaitingList } from './capacity-store';

export type Reply = (string | number)[];

/** The plan as decide-5.lua's ARGV[2..10] (flat: no JSON to decode per request inside Redis). */
export function planArgs(plan: StorePlan): (string | number)[] {
  if (plan.type === 'redirect') return ['redirect', plan.day, plan.reasonCode, plan.destination, '', '', '', '', ''];
  if (plan.type === 'queue') return ['queue', plan.day, plan.reasonCode, plan.list, plan.priority, '', '', '', ''];
  const f = plan.onFull;
  const full =
    f.type === 'queue' ? ['queue', f.list, f.priority, f.reasonCode]
      : f.type === 'redirect' ? ['redirect', f.destination, '', f.reasonCode]
        : ['overbook', f.share, '', f.reasonCode];
  return ['reserve', plan.day, plan.acceptedReason, plan.shares.join(','), '', ...full];
}

/** decide-5.lua's reply: 'duplicate|outcome|reason|share|destination|overbooked|sequence|position|day|list'. */
export function decodeDecision(input: DecideInput, reply: string): DecideResult {
  const r = reply.split('|');
  if (r.length !== 10) throw new Error(`decide script answered ${r.length} fields, not 10`);
  const decision: StoredDecision = {
    requestId: input.requestId,
    practice: input.practice,
    day: String(r[8]),
    outcome: String(r[1]) as StoredOutcome,
    reasonCode: String(r[2]) as StoredDecision['reasonCode'],
    sequence: Number(r[6]),
  };
  if (r[3] !== '') decision.share = String(r[3]) as ShareName;
  if (r[4] !== '') decision.destination = String(r[4]) as StoredDecision['destination'];
  if (String(r[5]) === '1') decision.overbooked = true;
  if (r[9] !== '') decision.list = String(r[9]) as WaitingList;
  const position = r[7] === '' ? 0 : Number(r[7]);
  return { decision, duplicate: Number(r[0]) === 1, ...(position ? { position } : {}) };
}

export function fromHash(practice: string, requestId: string, h: Record<string, string>): StoredDecision {
  return clean({
    requestId,
    practice,
    day: h.day ?? '',
    outcome: h.outcome as StoredOutcome,
    reasonCode: h.reason as StoredDecision['reasonCode'],
    share: (h.share || undefined) as ShareName | undefined,
    destination: (h.destination || undefined) as StoredDecision['destination'],
    overbooked: h.overbooked === '1' ? true : undefined,
    sequence: Number(h.seq ?? 1),
    list: (h.list || undefined) as WaitingList | undefined,
  });
}

function clean<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}
