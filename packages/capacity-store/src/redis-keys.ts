/**
 * Every key of a practice carries the `{ods}` hash tag, so all of a practice's keys live in one Redis
 * Cluster slot and each Lua script touches one slot.
 */
export function practiceKeys(prefix: string, ods: string) {
  const base = `${prefix}{${ods}}`;
  return {
    /** A request's decision, one packed string (redis-decision-codec.ts). */
    record: (id: string) => `${base}:dec:${id}`,
    recordPrefix: `${base}:dec:`,
    day: (day: string) => `${base}:day:${day}`,
    dayPrefix: `${base}:day:`,
    /** Hash of `<hour>:<kind>` → requests that arrived then (the console's demand chart). */
    demand: (day: string) => `${base}:demand:${day}`,
    clinicalList: `${base}:wait:clinical`,
    adminList: `${base}:wait:admin`,
    queueSeq: `${base}:wait:seq`,
    outbox: `${base}:outbox`,
  };
}

export type PracticeKeys = ReturnType<typeof practiceKeys>;

export const practicesKey = (prefix: string) => `${prefix}practices`;
