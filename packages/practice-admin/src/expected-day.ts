import type { IsoDay } from '@sluice/contracts';
import type { WaitingList } from '@sluice/capacity-store';
import { addDays, expectedDay, isWorkingDay } from '@sluice/domain';
import type { PracticeContext } from './practice-context';

/**
 * Free places in a waiting list's share on the working days from `from` (up to 20 of them): what a
 * queued request's expected day is read from.
 */
export async function upcomingFree(
  ctx: PracticeContext,
  usedOn: (days: IsoDay[], share: 'routine' | 'admin') => Promise<number[]>,
  list: WaitingList,
  from: IsoDay,
): Promise<{ day: IsoDay; free: number }[]> {
  const share = list === 'admin' ? 'admin' : 'routine';
  const days: IsoDay[] = [];
  let day = from;
  for (let i = 0; days.length < 20 && i < 40; i++, day = addDays(day, 1)) {
    if (isWorkingDay(ctx.calendar, day)) days.push(day);
  }
  // All twenty days' rotas (PracticeContext keeps them) and usage (one store call) at once.
  const [limits, used] = await Promise.all([Promise.all(days.map((d) => ctx.limits(d))), usedOn(days, share)]);
  return days.map((d, i) => ({ day: d, free: Math.max(0, limits[i]![share] - (used[i] ?? 0)) }));
}

/** The day a request at `position` in a waiting list can expect, from the free places ahead. */
export function expectedDayAt(position: number, upcoming: { day: IsoDay; free: number }[], from: IsoDay): IsoDay {
  return expectedDay(position, upcoming, upcoming.length ? upcoming[upcoming.length - 1]!.day : from);
}
