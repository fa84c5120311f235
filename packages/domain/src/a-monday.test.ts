import type { PracticeConfigInput, ReasonCode, SafeguardLevel } from '@sluice/contracts';
import { admin, calendar, config as practiceConfig, redFlag, routine, urgent } from '../test/fixtures';
import { safeCapacity } from './capacity';
import { nextLevel } from './levels';
import { decisionFlags, expectedDay, referenceOutcome } from './outcome';
import { planDecision } from './plan';
import type { PlanRequest } from './policy';
import { reasonText } from './reasons';

/**
 * Worked example, quoted in docs/capacity-rules.md: Riverside Surgery on Monday 30 November 2026
 * (GMT, so clock times are UTC), three GPs at the default 25 contacts each. The capacity store is
 * stood in for by `referenceOutcome` over simple counters; promotion after a cancellation is
 * modelled the way the store does it (the first on the waiting list takes the freed place).
 */
const ROTA = {
  clinicians: [
    { id: 'gp1', role: 'GP' as const },
    { id: 'gp2', role: 'GP' as const },
    { id: 'gp3', role: 'GP' as const },
  ],
};
const MONDAY = '2026-11-30';
const TUESDAY = { day: '2026-12-01', free: 60 };

type Step = { at: string; label: string; times?: number } & (
  { req: PlanRequest } | { cancel: 'routine' | 'urgent'; times?: number }
);

function runDay(input: PracticeConfigInput, steps: Step[]) {
  const config = practiceConfig({ name: 'Riverside Surgery', ...input });
  const cap = safeCapacity(ROTA, config);
  const used = { routine: 0, urgent: 0, admin: 0 };
  const queue: { list: 'clinical' | 'admin'; priority: number; seq: number }[] = [];
  let level: SafeguardLevel = 'GREEN';
  const texts: Partial<Record<ReasonCode, string>> = {};
  const log: string[] = [];

  const setLevel = () =>
    (level = nextLevel(
      level,
      { routine: { used: used.routine, limit: cap.routine }, urgent: { used: used.urgent, limit: cap.urgent } },
      config.thresholds,
    ));

  for (const step of steps) {
    let result = '';
    for (let i = 0; i < (step.times ?? 1); i++) {
      const now = new Date(`${MONDAY}T${step.at}:00Z`);
      if ('cancel' in step) {
        used[step.cancel]--;
        result = `${step.cancel} place freed`;
        const next = queue
          .filter((q) => q.list === 'clinical')
          .sort((a, b) => a.priority - b.priority || a.seq - b.seq)[0];
        if (step.cancel === 'routine' && next) {
          queue.splice(queue.indexOf(next), 1);
          used.routine++;
          texts.promoted = reasonText('promoted', { practiceName: config.name, day: MONDAY });
          result += ' → first on the waiting list promoted';
        }
        continue;
      }
      const plan = planDecision(step.req, { now, calendar, config });
      if (plan.day !== MONDAY) {
        // Another day's capacity: this example follows Monday only, so record the answer when there is room.
        const code = plan.type === 'reserve' ? plan.acceptedReason : plan.reasonCode;
        texts[code] = reasonText(code, { practiceName: config.name, day: plan.day });
        result = `${code} for ${plan.day}`;
        continue;
      }
      const free = {
        routine: cap.routine - used.routine,
        urgent: cap.urgent - used.urgent,
        admin: cap.admin - used.admin,
      };
      const out = referenceOutcome(plan, { free, queue });
      if (out.outcome === 'accepted' && out.share) used[out.share]++;
      if (out.outcome === 'queued' && plan.type !== 'redirect') {
        const q = plan.type === 'queue' ? plan : plan.onFull.type === 'queue' ? plan.onFull : undefined;
        if (q) queue.push({ list: q.list, priority: q.priority, seq: log.length * 1000 + i });
      }
      const flags = decisionFlags(plan, out);
      const expected = out.position ? expectedDay(out.position, [TUESDAY], TUESDAY.day) : undefined;
      texts[out.reasonCode] = reasonText(out.reasonCode, {
        practiceName: config.name,
        day: plan.day,
        position: out.position,
        expectedDay: expected,
        destination: out.destination,
      });
      result = [out.reasonCode, out.position ? `#${out.position}` : '', out.destination ?? '', flags.join(',')]
        .filter(Boolean)
        .join(' ');
    }
    setLevel();
    log.push(
      `${step.at} ${step.label} → ${result} | ${level} | routine ${used.routine}/${cap.routine} urgent ${used.urgent}/${cap.urgent} admin ${used.admin}/${cap.admin}`,
    );
  }
  return { cap, log, texts };
}

describe('worked example: a Monday', () => {
  it('three GPs: 75 safe contacts, 15 held for urgent need, 60 routine, 20 admin', () => {
    expect(safeCapacity(ROTA, practiceConfig())).toEqual({ total: 75, routine: 60, urgent: 15, admin: 20 });
  });

  it('gms-contract-2025', () => {
    const { log, texts } = runDay({}, [
      { at: '07:30', label: '1 routine (before 08:00)', req: routine() },
      { at: '08:00', label: '10 urgent', times: 10, req: urgent() },
      { at: '09:00', label: '46 routine', times: 46, req: routine() },
      { at: '10:30', label: '1 routine', req: routine() },
      { at: '11:00', label: '12 routine', times: 12, req: routine() },
      { at: '11:45', label: '1 routine', req: routine() },
      { at: '11:50', label: '1 routine, a baby (under-1s)', req: routine({ patient: { ageYears: 0 } }) },
      { at: '12:00', label: '5 urgent', times: 5, req: urgent() },
      { at: '14:30', label: '1 urgent', req: urgent() },
      { at: '15:00', label: '1 routine cancelled', cancel: 'routine' },
      { at: '15:30', label: '1 red flag (chest pain)', req: redFlag() },
      { at: '16:00', label: '20 admin', times: 20, req: admin() },
      { at: '16:30', label: '1 admin', req: admin() },
      { at: '17:00', label: '2 urgent cancelled', times: 2, cancel: 'urgent' },
      { at: '17:30', label: '1 urgent cancelled', cancel: 'urgent' },
      { at: '18:45', label: '1 routine (after 18:30)', req: routine() },
    ]);
    expect(log).toEqual([
      '07:30 1 routine (before 08:00) → accepted-next-working-day | GREEN | routine 1/60 urgent 0/15 admin 0/20',
      '08:00 10 urgent → accepted-urgent | GREEN | routine 1/60 urgent 10/15 admin 0/20',
      '09:00 46 routine → accepted-routine | GREEN | routine 47/60 urgent 10/15 admin 0/20',
      '10:30 1 routine → accepted-routine | AMBER | routine 48/60 urgent 10/15 admin 0/20',
      '11:00 12 routine → accepted-routine | RED | routine 60/60 urgent 10/15 admin 0/20',
      '11:45 1 routine → queued-capacity #1 | RED | routine 60/60 urgent 10/15 admin 0/20',
      '11:50 1 routine, a baby (under-1s) → queued-capacity #1 | RED | routine 60/60 urgent 10/15 admin 0/20',
      '12:00 5 urgent → accepted-urgent | BLACK | routine 60/60 urgent 15/15 admin 0/20',
      '14:30 1 urgent → accepted-duty-clinician duty-clinician | BLACK | routine 60/60 urgent 16/15 admin 0/20',
      '15:00 1 routine cancelled → routine place freed → first on the waiting list promoted | BLACK | routine 60/60 urgent 16/15 admin 0/20',
      '15:30 1 red flag (chest pain) → redirected-emergency 999 emergency-signposted | BLACK | routine 60/60 urgent 16/15 admin 0/20',
      '16:00 20 admin → accepted-admin | BLACK | routine 60/60 urgent 16/15 admin 20/20',
      '16:30 1 admin → queued-capacity #1 | BLACK | routine 60/60 urgent 16/15 admin 20/20',
      '17:00 2 urgent cancelled → urgent place freed | BLACK | routine 60/60 urgent 14/15 admin 20/20',
      '17:30 1 urgent cancelled → urgent place freed | RED | routine 60/60 urgent 13/15 admin 20/20',
      '18:45 1 routine (after 18:30) → accepted-next-working-day for 2026-12-01 | RED | routine 60/60 urgent 13/15 admin 20/20',
    ]);
    expect(texts['queued-capacity']).toContain(
      'on the waiting list at number 1. The practice expects to look at it on Tuesday 1 December.',
    );
    expect(texts['accepted-next-working-day']).toContain('Tuesday 1 December');
  });

  it('bma-safe-working, signposting beyond capacity', () => {
    const { log, texts } = runDay({ policy: 'bma-safe-working', beyondCapacity: 'signpost' }, [
      { at: '08:00', label: '15 urgent', times: 15, req: urgent() },
      { at: '09:00', label: '60 routine', times: 60, req: routine() },
      {
        at: '11:45',
        label: '1 routine, sore throat, 30',
        req: routine({ description: 'Sore throat for four days', patient: { ageYears: 30 } }),
      },
      { at: '11:46', label: '1 routine, back pain', req: routine({ description: 'Back pain for a week' }) },
      { at: '11:50', label: '1 routine, a baby (under-1s)', req: routine({ patient: { ageYears: 0 } }) },
      { at: '14:30', label: '1 urgent', req: urgent() },
      { at: '14:35', label: '1 urgent, palliative care', req: urgent({ patient: { cohorts: ['palliative-care'] } }) },
    ]);
    expect(log).toEqual([
      '08:00 15 urgent → accepted-urgent | BLACK | routine 0/60 urgent 15/15 admin 0/20',
      '09:00 60 routine → accepted-routine | BLACK | routine 60/60 urgent 15/15 admin 0/20',
      '11:45 1 routine, sore throat, 30 → redirected-pharmacy-first pharmacy-first | BLACK | routine 60/60 urgent 15/15 admin 0/20',
      '11:46 1 routine, back pain → redirected-nhs-111-online nhs-111-online | BLACK | routine 60/60 urgent 15/15 admin 0/20',
      '11:50 1 routine, a baby (under-1s) → queued-capacity #1 | BLACK | routine 60/60 urgent 15/15 admin 0/20',
      '14:30 1 urgent → redirected-nhs-111 nhs-111 | BLACK | routine 60/60 urgent 15/15 admin 0/20',
      '14:35 1 urgent, palliative care → accepted-duty-clinician duty-clinician | BLACK | routine 60/60 urgent 16/15 admin 0/20',
    ]);
    expect(texts['redirected-pharmacy-first']).toContain('Pharmacy First');
  });
});
