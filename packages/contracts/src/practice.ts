import './zod-openapi';
import { z } from 'zod';
import { Destination, IsoDay, IsoInstant } from './common';

/**
 * What a practice manager configures: rotas, the practice's rules, and the pause switch.
 * Every object is strict, so a typo in a field name is an error rather than silently ignored.
 */

export const CLINICIAN_ROLES = [
  'GP',
  'ANP',
  'pharmacist',
  'physio',
  'nurse',
  'paramedic',
  'mental-health',
  'other',
] as const;
export const ClinicianRole = z.enum(CLINICIAN_ROLES);
export type ClinicianRole = z.output<typeof ClinicianRole>;

/** Most contacts one clinician can be given in a day; far above any safe figure, it only catches typos. */
export const MAX_CONTACTS_PER_CLINICIAN = 200;

const Contacts = z.number().int().min(0).max(MAX_CONTACTS_PER_CLINICIAN);

export const RotaClinician = z
  .object({
    id: z.string().trim().min(1).max(40),
    role: ClinicianRole,
    /** Contacts this clinician can safely take that day; without it, the practice's figure for the role. */
    contacts: Contacts.optional(),
  })
  .strict();
export type RotaClinician = z.output<typeof RotaClinician>;

/**
 * Body of `PUT /v1/practices/{ods}/rota/{date}`, and one day of the weekly template,
 * e.g. `{"clinicians":[{"id":"gp1","role":"GP","contacts":25}]}`.
 * `closed: true` marks a day the practice offers no capacity at all.
 */
export const RotaBody = z
  .object({
    clinicians: z.array(RotaClinician).max(100),
    closed: z.boolean().optional(),
  })
  .strict()
  .refine((r) => new Set(r.clinicians.map((c) => c.id)).size === r.clinicians.length, {
    message: 'each clinician id may appear only once in a day',
    path: ['clinicians'],
  });
export type RotaBody = z.output<typeof RotaBody>;

/** Body of `PUT /v1/practices/{ods}/rota/weekly`: the Monday–Friday template. */
export const WeeklyRotaBody = z
  .object({
    monday: RotaBody.optional(),
    tuesday: RotaBody.optional(),
    wednesday: RotaBody.optional(),
    thursday: RotaBody.optional(),
    friday: RotaBody.optional(),
  })
  .strict();
export type WeeklyRotaBody = z.output<typeof WeeklyRotaBody>;

export const POLICY_PROFILES = ['gms-contract-2025', 'bma-safe-working'] as const;
export const PolicyProfile = z.enum(POLICY_PROFILES);
export type PolicyProfile = z.output<typeof PolicyProfile>;

/**
 * Where routine demand beyond capacity may be signposted under `bma-safe-working`. Deliberately a
 * subset of Destination: 999, A&E and NHS 111 by phone are for urgent need, never for routine overflow.
 */
export const SignpostTarget = Destination.extract(['pharmacy-first', 'extended-access-hub', 'nhs-111-online']);
export type SignpostTarget = z.output<typeof SignpostTarget>;

/** A cohort name as the request carries it (`patient.cohorts`), e.g. `under-1s`, `palliative-care`. */
export const CohortName = z
  .string()
  .regex(/^[a-z0-9-]{1,40}$/, 'lower-case letters, digits and hyphens, e.g. palliative-care');

/** BMA safe-working guidance puts a GP at about 25 contacts a day; other roles are the practice's call. */
export const DEFAULT_ROLE_CONTACTS: Record<ClinicianRole, number> = {
  GP: 25,
  ANP: 25,
  pharmacist: 20,
  physio: 15,
  nurse: 25,
  paramedic: 20,
  'mental-health': 10,
  other: 15,
};

const roleContactsShape = Object.fromEntries(
  CLINICIAN_ROLES.map((role) => [role, Contacts.default(DEFAULT_ROLE_CONTACTS[role])]),
) as { [R in ClinicianRole]: z.ZodDefault<typeof Contacts> };

/** Body of `PUT /v1/practices/{ods}/config`. Every field has a default, so `{}` is a valid config. */
export const PracticeConfig = z
  .object({
    /** The practice's name as patients know it; used in the text patients read. */
    name: z.string().trim().min(1).max(100).default('your GP practice'),
    /** The number patients call, shown on every status page (optional: without it, pages say "call your GP practice"). */
    phone: z
      .string()
      .trim()
      .regex(/^[0-9 +()]{6,20}$/, 'a telephone number, e.g. 020 7946 0000')
      .optional(),
    policy: PolicyProfile.default('gms-contract-2025'),
    /** Share of safe capacity held back for urgent same-day need, in per cent. */
    urgentSharePct: z.number().min(0).max(90).default(20),
    /** Admin requests (fit notes, letters, prescription queries) a day, apart from clinical capacity. */
    adminAllowance: z.number().int().min(0).max(10_000).default(20),
    /** Safe contacts a day per role, when the rota does not give a clinician's own figure. */
    roleContacts: z.object(roleContactsShape).strict().prefault({}),
    thresholds: z
      .object({
        /** AMBER once this per cent of the routine share is used. */
        amberPct: z.number().min(1).max(99).default(80),
        /** A level falls only once usage is this many points below the threshold that raised it. */
        hysteresisPct: z.number().min(0).max(50).default(5),
        /** AMBER too when the oldest queued request has waited longer than this. */
        queueAgeAmberMinutes: z.number().int().min(1).max(10_080).optional(),
      })
      .strict()
      .prefault({}),
    /** What the online route does outside core hours (08:00–18:30 on working days). */
    outOfHours: z.enum(['closed', 'admin-only', 'next-working-day']).default('next-working-day'),
    /** `bma-safe-working` only: routine demand beyond capacity goes on the waiting list or is signposted. */
    beyondCapacity: z.enum(['wait-list', 'signpost']).default('wait-list'),
    /** In order of preference; the first that fits the request is used, NHS 111 online otherwise. */
    signpostTargets: z.array(SignpostTarget).max(3).default(['pharmacy-first', 'nhs-111-online']),
    extendedAccessHub: z
      .object({
        name: z.string().trim().min(1).max(100),
        phone: z
          .string()
          .trim()
          .regex(/^[0-9 +()]{6,20}$/, 'a telephone number, e.g. 0300 123 4567')
          .optional(),
      })
      .strict()
      .optional(),
    /** Cohorts never signposted away (matched against the request's `patient.cohorts`; `under-1s` also by age). */
    protectedCohorts: z.array(CohortName).max(20).default(['under-1s', 'palliative-care']),
    fairUse: z
      .object({
        enabled: z.boolean().default(false),
        maxOpenRoutine: z.number().int().min(1).max(20).default(1),
        windowHours: z.number().int().min(1).max(168).default(24),
      })
      .strict()
      .prefault({}),
    /**
     * Requests a minute intake takes for this practice, from all its clients together; beyond it, 429.
     * Unset: SLUICE_PRACTICE_RATE_LIMIT (docs/decisions/0025-client-keys-and-rate-limits.md).
     */
    rateLimitPerMinute: z.number().int().min(1).max(100_000).optional(),
    /** Days the practice is closed besides weekends and bank holidays (training days and the like). */
    closures: z.array(IsoDay).max(366).default([]),
    /** Registered patients: the forecast's starting point until the practice has weeks of its own history. */
    listSize: z.number().int().min(1).max(200_000).optional(),
  })
  .strict()
  .refine((c) => !c.signpostTargets.includes('extended-access-hub') || c.extendedAccessHub !== undefined, {
    message: 'give extendedAccessHub (its name, and phone if patients should call) to signpost to it',
    path: ['extendedAccessHub'],
  });
export type PracticeConfig = z.output<typeof PracticeConfig>;
export type PracticeConfigInput = z.input<typeof PracticeConfig>;

/** The longest an "exceptional circumstances" pause may run without being renewed. */
export const MAX_PAUSE_DAYS = 4;

/**
 * Body of `POST /v1/practices/{ods}/pause`: the "exceptional circumstances" switch. The reason and
 * the named person are logged and told to the ICB; the end time must be at most 4 days ahead
 * (the domain package checks that against the injected clock).
 */
export const PauseBody = z
  .object({
    reason: z.string().trim().min(10, 'say why, in at least 10 characters').max(500),
    by: z.string().trim().min(1, 'name the person pausing').max(100),
    until: IsoInstant,
  })
  .strict();
export type PauseBody = z.output<typeof PauseBody>;
