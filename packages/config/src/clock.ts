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

export function clockFrom(env: { SLUICE_NOW?: string | undefined }): Clock {
  return env.SLUICE_NOW ? fixedClock(env.SLUICE_NOW) : systemClock;
}
