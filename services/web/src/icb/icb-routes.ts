import type { Request, Response, Router } from 'express';
import type { PracticeState } from '@sluice/practice-admin';
import { PracticeConfig, type SafeguardLevel } from '@sluice/contracts';
import { formatInstant, levelRank, LEVELS } from '@sluice/domain';
import type { RouteDeps } from '../console/deps';
import { forbidden, practiceLabel, principalOf } from '../console/guard';
import { LEVEL_INFO, levelReason } from '../console/levels';

const SORTS = ['pressure', 'practice', 'queue', 'oldest'] as const;
type Sort = (typeof SORTS)[number];
type Dir = 'asc' | 'desc';

const used = (s: { used: number; safe: number }) => (s.safe > 0 ? s.used / s.safe : s.used > 0 ? Infinity : 0);

/**
 * Pressure, most first: the level, then how much of the routine and urgent shares is used, then the
 * waiting list. A practice with no safe capacity but demand sorts as fully used.
 */
export function comparePressure(a: PracticeState, b: PracticeState): number {
  return (
    levelRank(a.level) - levelRank(b.level) ||
    used(a.shares.routine) - used(b.shares.routine) ||
    used(a.shares.urgent) - used(b.shares.urgent) ||
    a.queue.clinical + a.queue.admin - (b.queue.clinical + b.queue.admin)
  );
}

const COMPARE: Record<Sort, (a: PracticeState, b: PracticeState) => number> = {
  pressure: comparePressure,
  practice: (a, b) => a.practice.localeCompare(b.practice),
  queue: (a, b) => a.queue.clinical + a.queue.admin - (b.queue.clinical + b.queue.admin) || comparePressure(a, b),
  oldest: (a, b) =>
    (a.queue.oldestWaitingMinutes ?? -1) - (b.queue.oldestWaitingMinutes ?? -1) || comparePressure(a, b),
};

/** Sorts by a query-string column and direction; ties keep practice-code order so the table is stable. */
export function sortStates(states: PracticeState[], sort: Sort, dir: Dir): PracticeState[] {
  const byCode = [...states].sort(COMPARE.practice);
  return byCode.sort((a, b) => (dir === 'asc' ? 1 : -1) * COMPARE[sort](a, b));
}

/**
 * The ICB overview (operator key only): how many practices are at each level today, and every practice
 * in a table sortable by pressure with plain links (`?sort=…&dir=…`), so sorting needs no JavaScript.
 */
export function icbRoutes(r: Router, deps: RouteDeps): void {
  const { render, admin, signedIn } = deps;

  r.get('/icb', signedIn, async (req: Request, res: Response) => {
    if (principalOf(res)?.role !== 'operator')
      return forbidden(render, res, 'The ICB overview needs the operator key.');
    const sort: Sort = (SORTS as readonly string[]).includes(String(req.query.sort))
      ? (req.query.sort as Sort)
      : 'pressure';
    const dir: Dir =
      req.query.dir === 'asc' ? 'asc' : req.query.dir === 'desc' ? 'desc' : sort === 'practice' ? 'asc' : 'desc';
    const states = await admin.states();
    const configs = new Map(
      await Promise.all(
        states.map(async (s) => {
          const c = PracticeConfig.safeParse((await deps.repo.getConfig(s.practice)) ?? {});
          return [s.practice, c.success ? c.data : PracticeConfig.parse({})] as const;
        }),
      ),
    );
    const names = new Map(states.map((s) => [s.practice, practiceLabel(s.practice, configs.get(s.practice)!.name)]));
    const redirected = new Map(
      await Promise.all(
        states.map(
          async (s) =>
            [
              s.practice,
              Object.values((await deps.store.demandByHour(s.practice, s.day)).redirected).reduce(
                (a, b) => a + (b ?? 0),
                0,
              ),
            ] as const,
        ),
      ),
    );
    const counts = LEVELS.map((level: SafeguardLevel) => ({
      level,
      info: LEVEL_INFO[level],
      n: states.filter((s) => s.level === level).length,
    }));
    const columns = SORTS.map((key) => {
      const active = key === sort;
      const nextDir: Dir = active ? (dir === 'asc' ? 'desc' : 'asc') : key === 'practice' ? 'asc' : 'desc';
      return {
        key,
        href: `/icb?sort=${key}&dir=${nextDir}`,
        active,
        ariaSort: active ? (dir === 'asc' ? 'ascending' : 'descending') : 'none',
      };
    });
    const rows = sortStates(states, sort, dir).map((s) => ({
      ...s,
      name: names.get(s.practice),
      info: LEVEL_INFO[s.level],
      why: levelReason(s, configs.get(s.practice)!.thresholds, formatInstant).text,
      redirected: redirected.get(s.practice) ?? 0,
    }));
    render(res, 'icb/overview.njk', {
      title: 'Practices today',
      homeHref: '/icb',
      rows,
      counts,
      columns,
      sort,
      dir,
      total: states.length,
    });
  });
}
