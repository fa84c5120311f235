// Between the store's TypeScript shapes and what its Lua scripts take and return (kept apart from the
// store itself, which builds keys and runs the scripts). A decision is kept in Redis as one packed
// string (docs/decisions/0009-packed-decision-records.md):
//   'outcome|reason|share|destination|overbooked|sequence|day|list|qm|payload'
// every field but the payload a code without '|'; the payload last, so it may hold anything.
import type {
  DecideInput,
  DecideResult,
  Promotion,
  ShareLimits,
  ShareName,
  StoredDecision,
  StoredOutcome,
  StorePlan,
  WaitingList,
} from './capacity-store';

export type Reply = (string | number)[];

/** Default limits as one argument, 'routine,urgent,admin' (the scripts split it only for a new day). */
export const limitsArg = (l: ShareLimits): string => `${l.routine},${l.urgent},${l.admin}`;

/** The plan as decide-n.lua takes it, 'type|reason|a|b|c|d|e': one argument, not seven (see its header). */
export function planArg(plan: StorePlan): string {
  if (plan.type === 'redirect') return `redirect|${plan.reasonCode}|${plan.destination}||||`;
  if (plan.type === 'queue') return `queue|${plan.reasonCode}|${plan.list}|${plan.priority}|||`;
  let initials = '';
  for (const s of plan.shares) initials += s[0];
  const f = plan.onFull;
  const head = `reserve|${plan.acceptedReason}|${initials}`;
  if (f.type === 'queue') return `${head}|queue|${f.list}|${f.priority}|${f.reasonCode}`;
  if (f.type === 'redirect') return `${head}|redirect|${f.destination}||${f.reasonCode}`;
  return `${head}|overbook|${f.share}||${f.reasonCode}`;
}

/** The eight fields a decide reply and a record share (outcome … list), from `at` in `r`. */
function decisionAt(practice: string, requestId: string, r: string[], at: number): StoredDecision {
  const decision: StoredDecision = {
    requestId,
    practice,
    day: r[at + 6]!,
    outcome: r[at] as StoredOutcome,
    reasonCode: r[at + 1] as StoredDecision['reasonCode'],
    sequence: Number(r[at + 5]),
  };
  if (r[at + 2]) decision.share = r[at + 2] as ShareName;
  if (r[at + 3]) decision.destination = r[at + 3] as StoredDecision['destination'];
  if (r[at + 4] === '1') decision.overbooked = true;
  if (r[at + 7]) decision.list = r[at + 7] as WaitingList;
  return decision;
}

/** decide-n.lua's reply for one request: 'duplicate|position|outcome|reason|share|destination|overbooked|sequence|day|list'. */
export function decodeDecision(input: DecideInput, reply: string): DecideResult {
  const r = reply.split('|');
  if (r.length !== 10) throw new Error(`decide script answered ${r.length} fields, not 10`);
  const result: DecideResult = { decision: decisionAt(input.practice, input.requestId, r, 2), duplicate: r[0] === '1' };
  if (r[1]) result.position = Number(r[1]);
  return result;
}

/** A packed record: its decision and payload, and its waiting-list counter (qm, '' unless queued). */
export function decodeRecord(
  practice: string,
  requestId: string,
  record: string,
): { promotion: Promotion; qm: string } {
  const r = record.split('|');
  if (r.length < 10) throw new Error(`decision record has ${r.length} fields, not 10`);
  const payload = r.length === 10 ? r[9]! : r.slice(9).join('|');
  return { promotion: { decision: decisionAt(practice, requestId, r, 0), payload }, qm: r[8]! };
}
