import { PauseBody, PracticeConfig, RotaBody, WeeklyRotaBody, type IsoDay } from '@sluice/contracts';
import type { PracticeRepository, ShareLimits } from '@sluice/capacity-store';
import { resolveRota, safeCapacity, type Calendar } from '@sluice/domain';

export interface PracticeSettings {
  config: PracticeConfig;
  weekly: WeeklyRotaBody | null;
  pause: PauseBody | null;
}

/**
 * Reads a practice's settings once per batch and answers the questions a decision needs: its
 * config, whether a pause is on, and any day's safe capacity (dated rota, else the weekly template).
 * Stored documents are parsed again on the way out, so a bad document fails loudly, not silently.
 */
export class PracticeContext {
  private readonly rotas = new Map<IsoDay, RotaBody | null>();

  private constructor(
    readonly practice: string,
    readonly settings: PracticeSettings,
    private readonly repo: PracticeRepository,
    readonly calendar: Calendar,
  ) {}

  static async load(
    repo: PracticeRepository,
    practice: string,
    baseCalendar: (closures: IsoDay[]) => Calendar,
  ): Promise<PracticeContext> {
    const [config, weekly, pause] = await Promise.all([
      repo.getConfig(practice),
      repo.getWeeklyRota(practice),
      repo.getPause(practice),
    ]);
    const parsedConfig = PracticeConfig.parse(config ?? {});
    return new PracticeContext(
      practice,
      {
        config: parsedConfig,
        weekly: weekly ? WeeklyRotaBody.parse(weekly) : null,
        pause: pause ? PauseBody.parse(pause) : null,
      },
      repo,
      baseCalendar(parsedConfig.closures),
    );
  }

  /** How many days' rotas this context holds (PracticeContextCache starts afresh past a bound). */
  get cachedDays(): number {
    return this.rotas.size;
  }

  /** The pause, if on at `now`. */
  activePause(now: Date): PauseBody | null {
    const p = this.settings.pause;
    return p && new Date(p.until).getTime() > now.getTime() ? p : null;
  }

  async rota(day: IsoDay): Promise<RotaBody | null> {
    if (!this.rotas.has(day)) {
      const dated = await this.repo.getRota(this.practice, day);
      this.rotas.set(day, resolveRota(day, this.settings.weekly, dated ? RotaBody.parse(dated) : null));
    }
    return this.rotas.get(day)!;
  }

  async limits(day: IsoDay): Promise<ShareLimits> {
    const rota = await this.rota(day);
    const c = safeCapacity(rota, this.settings.config);
    return { routine: c.routine, urgent: c.urgent, admin: c.admin };
  }
}

/**
 * Parsed settings per practice, kept while the practice's settings version (PracticeRepository.
 * settingsVersions) stays the same. A batch then reads one small value per practice, in one round trip,
 * instead of its config, weekly rota, pause and dated rotas, and parses nothing. Any write through the
 * admin API moves the version on, so the next batch after a change reads it afresh: a change is never
 * seen later than the next batch. Bounded, oldest first out, so a replica serving every practice in
 * England stays small.
 */
export class PracticeContextCache {
  private readonly entries = new Map<string, { version: string; ctx: PracticeContext }>();

  constructor(
    private readonly repo: PracticeRepository,
    private readonly calendarFor: (closures: IsoDay[]) => Calendar,
    private readonly max = 20_000,
  ) {}

  async load(practices: readonly string[]): Promise<Map<string, PracticeContext>> {
    const versions = await this.repo.settingsVersions(practices);
    const loaded = await Promise.all(
      practices.map(async (practice, i) => {
        const version = versions[i]!;
        const hit = this.entries.get(practice);
        if (hit && hit.version === version && hit.ctx.cachedDays < MAX_CACHED_DAYS) return hit.ctx;
        const ctx = await PracticeContext.load(this.repo, practice, this.calendarFor);
        this.entries.delete(practice);
        this.entries.set(practice, { version, ctx });
        if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
        return ctx;
      }),
    );
    return new Map(practices.map((p, i) => [p, loaded[i]!]));
  }
}

/** A cached context is read afresh once it holds this many days' rotas (a replica running for weeks). */
const MAX_CACHED_DAYS = 62;
