import {
  PauseBody,
  PracticeConfig,
  RotaBody,
  WeeklyRotaBody,
  type IsoDay,
} from '@sluice/contracts';
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

  static async load(repo: PracticeRepository, practice: string, baseCalendar: (closures: IsoDay[]) => Calendar): Promise<PracticeContext> {
    const [config, weekly, pause] = await Promise.all([repo.getConfig(practice), repo.getWeeklyRota(practice), repo.getPause(practice)]);
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
