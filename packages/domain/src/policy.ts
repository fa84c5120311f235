import type { ConsultationRequestedV1, PracticeConfig, ReasonCode, SignpostTarget } from '@sluice/contracts';
import { pharmacyFirstCondition } from './pharmacy-first';

/** What of a request the rules read. Nothing here is logged or put in an event. */
export type PlanRequest = Pick<ConsultationRequestedV1, 'kind' | 'urgency' | 'description' | 'patient' | 'screening'>;

/**
 * A patient in a cohort the practice protects: named in the request's `patient.cohorts`, or under
 * one year old when `under-1s` is protected. Protected patients are never signposted away.
 */
export function isProtected(
  patient: PlanRequest['patient'],
  config: Pick<PracticeConfig, 'protectedCohorts'>,
): boolean {
  const protectedCohorts = new Set(config.protectedCohorts);
  if (patient?.cohorts?.some((c) => protectedCohorts.has(c))) return true;
  return protectedCohorts.has('under-1s') && patient?.ageYears !== undefined && patient.ageYears < 1;
}

/** Waiting-list priority, lower first: protected cohorts, then routine clinical, then admin. */
export function queuePriority(kind: PlanRequest['kind'], protectedCohort: boolean): number {
  if (protectedCohort) return 0;
  return kind === 'clinical' ? 1 : 2;
}

const SIGNPOST_REASON = {
  'pharmacy-first': 'redirected-pharmacy-first',
  'extended-access-hub': 'redirected-extended-access',
  'nhs-111-online': 'redirected-nhs-111-online',
} as const satisfies Record<SignpostTarget, ReasonCode>;

export type Signpost = { destination: SignpostTarget; reasonCode: (typeof SIGNPOST_REASON)[SignpostTarget] };

/**
 * Where `bma-safe-working` signposts a routine clinical request beyond capacity: the first of the
 * practice's targets that fits it. Pharmacy First fits only a request matching one of its seven
 * pathways within the age band; the extended access hub only when the practice has named one;
 * NHS 111 online always, and is the answer when nothing else fits.
 */
export function signpostFor(
  req: PlanRequest,
  config: Pick<PracticeConfig, 'signpostTargets' | 'extendedAccessHub'>,
): Signpost {
  const fits = (target: SignpostTarget): boolean => {
    switch (target) {
      case 'pharmacy-first':
        // The contract carries no sex, so the women-only UTI pathway is never matched here.
        return pharmacyFirstCondition(req.description, req.patient?.ageYears) !== null;
      case 'extended-access-hub':
        return config.extendedAccessHub !== undefined;
      case 'nhs-111-online':
        return true;
    }
  };
  const destination = config.signpostTargets.find(fits) ?? 'nhs-111-online';
  return { destination, reasonCode: SIGNPOST_REASON[destination] };
}
