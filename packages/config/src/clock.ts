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

/**
 * A clock that reads `instant` at the real instant `epochMs` and moves with real time from there:
 * `instant + (realNow() - epochMs)`. Every process given the same instant and epoch reads the same
 * time, whenever it started; anchoring each process at its own start (the epoch's old default) put a
 * capacity process restarted 9 minutes later 9 minutes behind intake, and the intake-to-decision
 * latency measured the skew.
 */
export function runningClock(
  instant: string | Date,
  realNow: () => number = Date.now,
  epochMs: number = realNow(),
): Clock {
  const offset = new Date(instant).getTime() - epochMs;
  if (Number.isNaN(offset)) throw new Error(`not an instant: ${String(instant)}`);
  return { now: () => new Date(realNow() + offset) };
}

/**
 * The one clock: wall time when SLUICE_NOW is unset; else SLUICE_NOW standing still (`fixed`), or
 * SLUICE_NOW plus the real time elapsed since SLUICE_CLOCK_EPOCH (`running`; the env schema requires
 * the epoch with it).
 */
export function clockFrom(
  env: { SLUICE_NOW?: string | undefined; SLUICE_CLOCK?: 'fixed' | 'running'; SLUICE_CLOCK_EPOCH?: string | undefined },
  realNow: () => number = Date.now,
): Clock {
  if (!env.SLUICE_NOW) return systemClock;
  if (env.SLUICE_CLOCK !== 'running') return fixedClock(env.SLUICE_NOW);
  if (!env.SLUICE_CLOCK_EPOCH)
    throw new Error('SLUICE_CLOCK=running needs SLUICE_CLOCK_EPOCH, the same for every process');
  return runningClock(env.SLUICE_NOW, realNow, Date.parse(env.SLUICE_CLOCK_EPOCH));
}
