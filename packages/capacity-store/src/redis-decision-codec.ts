// Between the store's TypeScript shapes and what its Lua scripts take and return (kept apart from the
// store itself, which builds keys and runs the scripts). A decision is kept in Redis as one packed
// string, whose layout lua/includes/decision-record.lua defines for the scripts and RECORD_FIELDS for
// this side (docs/decisions/0009-packed-decision-records.md).
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

/**
 * The decision record's fields, in order, joined by '|': every field but the payload a code without '|',
 * the payload last, so it may hold anything. The ticket is a queued request's arrival counter (its
 * waiting-list member is '<ticket>:<request id>'), '' otherwise.
 */
export const RECORD_FIELDS = [
  'outcome',
  'reason',
  'share',
  'destination',
  'overbooked',
  'sequence',
  'day',
  'list',
  'ticket',
  'payload',
] as const;
type RecordField = (typeof RECORD_FIELDS)[number];
const at = (f: RecordField): number => RECORD_FIELDS.indexOf(f);
const HEAD = at('ticket'); // a decide reply carries the fields before the ticket

/** Default limits as one argument, 'routine,urgent,admin' (the scripts split it only for a new day). */
export const limitsArg = (l: ShareLimits): string => `${l.routine},${l.urgent},${l.admin}`;

/**
 * The plan as decide-n.lua takes it, 'acceptedReason|shares|fallback|target|priority|fallbackReason': the
 * shares to try as initials, then what to do when none has room (see its header). A plain redirect or queue
 * is a plan with no shares.
 */
export function planArg(plan: StorePlan): string {
  if (plan.type === 'redirect') return `||redirect|${plan.destination}||${plan.reasonCode}`;
  if (plan.type === 'queue') return `||queue|${plan.list}|${plan.priority}|${plan.reasonCode}`;
  let initials = '';
  for (const s of plan.shares) initials += s[0];
  const f = plan.onFull;
  const head = `${plan.acceptedReason}|${initials}`;
  if (f.type === 'queue') return `${head}|queue|${f.list}|${f.priority}|${f.reasonCode}`;
  if (f.type === 'redirect') return `${head}|redirect|${f.destination}||${f.reasonCode}`;
  return `${head}|overbook|${f.share}||${f.reasonCode}`;
}

/** The record's head (outcome … list), as a decide reply and a record both carry it, from `from` in `r`. */
function decisionAt(practice: string, requestId: string, r: string[], from: number): StoredDecision {
  const field = (f: RecordField): string => r[from + at(f)]!;
  const decision: StoredDecision = {
    requestId,
    practice,
    day: field('day'),
    outcome: field('outcome') as StoredOutcome,
    reasonCode: field('reason') as StoredDecision['reasonCode'],
    sequence: Number(field('sequence')),
  };
  if (field('share')) decision.share = field('share') as ShareName;
  if (field('destination')) decision.destination = field('destination') as StoredDecision['destination'];
  if (field('overbooked') === '1') decision.overbooked = true;
  if (field('list')) decision.list = field('list') as WaitingList;
  return decision;
}

/** decide-n.lua's reply for one request: 'duplicate|position|' and the record's head. */
export function decodeDecision(input: DecideInput, reply: string): DecideResult {
  const r = reply.split('|');
  if (r.length !== 2 + HEAD) throw new Error(`decide script answered ${r.length} fields, not ${2 + HEAD}`);
  const result: DecideResult = { decision: decisionAt(input.practice, input.requestId, r, 2), duplicate: r[0] === '1' };
  if (r[1]) result.position = Number(r[1]);
  return result;
}

/** A packed record: its decision and payload, and its waiting-list ticket ('' unless queued). */
export function decodeRecord(
  practice: string,
  requestId: string,
  record: string,
): { promotion: Promotion; ticket: string } {
  const r = record.split('|');
  const n = RECORD_FIELDS.length;
  if (r.length < n) throw new Error(`decision record has ${r.length} fields, not ${n}`);
  const payload = r.slice(at('payload')).join('|');
  return { promotion: { decision: decisionAt(practice, requestId, r, 0), payload }, ticket: r[at('ticket')]! };
}
