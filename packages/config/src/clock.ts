/** The only way Sluice code learns the time: injected, so tests and replays can fix it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(instant: string | Date): Clock {
  const at = new Date(instant);
  if (Number.isNaN(at.getTime())) throw new Error(`not an instant: ${String(instant)}`);
  return { now: () => new Date(at) };
}

/** A clock tests can move. */
export class ManualClock implements Clock {
  private at: number;
  constructor(start: string | Date) {
    this.at = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.at);
  }
  set(instant: string | Date): void {
    this.at = new Date(instant).getTime();
  }
  advance(ms: number): void {
    this.at += ms;
  }
}

/** A clock that starts at `instant` and then moves with real time. */
export function runningClock(instant: string | Date, realNow: () => number = Date.now): Clock {
  const offset = new Date(instant).getTime() - realNow();
  if (Number.isNaN(offset)) throw new Error(`not an instant: ${String(instant)}`);
  return { now: () => new Date(realNow() + offset) };
}

export function clockFrom(env: { SLUICE_NOW?: string | undefined; SLUICE_CLOCK?: 'fixed' | 'running' }): Clock {
  if (!env.SLUICE_NOW) return systemClock;
  return env.SLUICE_CLOCK === 'running' ? runningClock(env.SLUICE_NOW) : fixedClock(env.SLUICE_NOW);
}
