import type { PracticeConfigInput } from '@sluice/contracts';
import { MONDAY_10AM, MONDAY_7PM, admin, concern, config, ctx, redFlag, routine, urgent } from '../test/fixtures';
import { referenceOutcome, type StoreOutcome } from './outcome';
import { planDecision, type Plan } from './plan';

/**
 * The decision table: one row per (profile × hours × request × paused × cohort), with what happens
 * when the shares have room and when they are full. Read it as the rules; the test checks the code
 * against it, through `referenceOutcome` (the meaning a capacity store gives a plan).
 *
 * profile: gms = gms-contract-2025; bma-wait / bma-signpost = bma-safe-working with routine demand
 *   beyond capacity wait-listed / signposted (default targets: Pharmacy First, then NHS 111 online;
 *   the request here, "Back pain for a week", matches no Pharmacy First pathway).
 * hours: core = Monday 30 November 2026 10:00; ooh:<setting> = the same day 19:00 with that
 *   out-of-hours setting (the service day is then Tuesday 1 December).
 * paused: an "exceptional circumstances" pause in force. cohort: protected = palliative care.
 * Outcomes: accepted:<share>:<reason> · overbook:<share>:<reason> (the duty clinician) ·
 *   queued:<list>#<priority>:<reason> · redirected:<destination>:<reason>.
 */
const TABLE = `
profile       hours           request  paused  cohort     plan                     when there is room                                        when full
gms           core            routine  -       -          reserve(routine)         accepted:routine:accepted-routine                         queued:clinical#1:queued-capacity
gms           core            routine  -       protected  reserve(routine)         accepted:routine:accepted-routine                         queued:clinical#0:queued-capacity
gms           core            routine  paused  -          queue                    queued:clinical#1:queued-paused                           queued:clinical#1:queued-paused
gms           core            routine  paused  protected  queue                    queued:clinical#0:queued-paused                           queued:clinical#0:queued-paused
gms           core            urgent   -       -          reserve(urgent+routine)  accepted:urgent:accepted-urgent                           overbook:urgent:accepted-duty-clinician
gms           core            urgent   -       protected  reserve(urgent+routine)  accepted:urgent:accepted-urgent                           overbook:urgent:accepted-duty-clinician
gms           core            urgent   paused  -          redirect                 redirected:nhs-111:redirected-paused                      redirected:nhs-111:redirected-paused
gms           core            urgent   paused  protected  reserve(urgent+routine)  accepted:urgent:accepted-urgent                           overbook:urgent:accepted-duty-clinician
gms           core            admin    -       -          reserve(admin)           accepted:admin:accepted-admin                             queued:admin#2:queued-capacity
gms           core            admin    -       protected  reserve(admin)           accepted:admin:accepted-admin                             queued:admin#0:queued-capacity
gms           core            admin    paused  -          queue                    queued:admin#2:queued-paused                              queued:admin#2:queued-paused
gms           core            admin    paused  protected  queue                    queued:admin#0:queued-paused                              queued:admin#0:queued-paused

gms           ooh:closed      routine  -       -          redirect                 redirected:nhs-111-online:redirected-closed-out-of-hours  redirected:nhs-111-online:redirected-closed-out-of-hours
gms           ooh:closed      routine  -       protected  queue                    queued:clinical#0:queued-out-of-hours                     queued:clinical#0:queued-out-of-hours
gms           ooh:closed      routine  paused  -          redirect                 redirected:nhs-111-online:redirected-closed-out-of-hours  redirected:nhs-111-online:redirected-closed-out-of-hours
gms           ooh:closed      routine  paused  protected  queue                    queued:clinical#0:queued-out-of-hours                     queued:clinical#0:queued-out-of-hours
gms           ooh:closed      urgent   -       -          redirect                 redirected:nhs-111:redirected-nhs-111                     redirected:nhs-111:redirected-nhs-111
gms           ooh:closed      urgent   -       protected  redirect                 redirected:nhs-111:redirected-nhs-111                     redirected:nhs-111:redirected-nhs-111
gms           ooh:closed      urgent   paused  -          redirect                 redirected:nhs-111:redirected-nhs-111                     redirected:nhs-111:redirected-nhs-111
gms           ooh:closed      urgent   paused  protected  redirect                 redirected:nhs-111:redirected-nhs-111                     redirected:nhs-111:redirected-nhs-111
gms           ooh:closed      admin    -       -          redirect                 redirected:nhs-111-online:redirected-closed-out-of-hours  redirected:nhs-111-online:redirected-closed-out-of-hours
gms           ooh:closed      admin    -       protected  queue                    queued:admin#0:queued-out-of-hours                        queued:admin#0:queued-out-of-hours
gms           ooh:closed      admin    paused  -          redirect                 redirected:nhs-111-online:redirected-closed-out-of-hours  redirected:nhs-111-online:redirected-closed-out-of-hours
gms           ooh:closed      admin    paused  protected  queue                    queued:admin#0:queued-out-of-hours                        queued:admin#0:queued-out-of-hours

gms           ooh:admin-only  routine  -       -          redirect                 redirected:nhs-111-online:redirected-closed-out-of-hours  redirected:nhs-111-online:redirected-closed-out-of-hours
gms           ooh:admin-only  routine  -       protected  queue                    queued:clinical#0:queued-out-of-hours                     queued:clinical#0:queued-out-of-hours
gms           ooh:admin-only  routine  paused  -          redirect                 redirected:nhs-111-online:redirected-closed-out-of-hours  redirected:nhs-111-online:redirected-closed-out-of-hours
gms           ooh:admin-only  routine  paused  protected  queue                    queued:clinical#0:queued-out-of-hours                     queued:clinical#0:queued-out-of-hours
gms           ooh:admin-only  urgent   -       -          redirect                 redirected:nhs-111:redirected-nhs-111                     redirected:nhs-111:redirected-nhs-111
gms           ooh:admin-only  urgent   -       protected  redirect                 redirected:nhs-111:redirected-nhs-111                     redirected:nhs-111:redirected-nhs-111
gms           ooh:admin-only  urgent   paused  -          redirect                 redirected:nhs-111:redirected-nhs-111                     redirected:nhs-111:redirected-nhs-111
gms           ooh:admin-only  urgent   paused  protected  redirect                 redirected:nhs-111:redirected-nhs-111                     redirected:nhs-111:redirected-nhs-111
gms           ooh:admin-only  admin    -       -          reserve(admin)           accepted:admin:accepted-next-working-day                  queued:admin#2:queued-out-of-hours
gms           ooh:admin-only  admin    -       protected  reserve(admin)           accepted:admin:accepted-next-working-day                  queued:admin#0:queued-out-of-hours
gms           ooh:admin-only  admin    paused  -          queue                    queued:admin#2:queued-paused                              queued:admin#2:queued-paused
gms           ooh:admin-only  admin    paused  protected  queue                    queued:admin#0:queued-paused                              queued:admin#0:queued-paused

gms           ooh:next-day    routine  -       -          reserve(routine)         accepted:routine:accepted-next-working-day                queued:clinical#1:queued-out-of-hours
gms           ooh:next-day    routine  -       protected  reserve(routine)         accepted:routine:accepted-next-working-day                queued:clinical#0:queued-out-of-hours
gms           ooh:next-day    routine  paused  -          queue                    queued:clinical#1:queued-paused                           queued:clinical#1:queued-paused
gms           ooh:next-day    routine  paused  protected  queue                    queued:clinical#0:queued-paused                           queued:clinical#0:queued-paused
gms           ooh:next-day    urgent   -       -          redirect                 redirected:nhs-111:redirected-nhs-111                     redirected:nhs-111:redirected-nhs-111
gms           ooh:next-day    urgent   -       protected  redirect                 redirected:nhs-111:redirected-nhs-111                     redirected:nhs-111:redirected-nhs-111
gms           ooh:next-day    urgent   paused  -          redirect                 redirected:nhs-111:redirected-nhs-111                     redirected:nhs-111:redirected-nhs-111
gms           ooh:next-day    urgent   paused  protected  redirect                 redirected:nhs-111:redirected-nhs-111                     redirected:nhs-111:redirected-nhs-111
gms           ooh:next-day    admin    -       -          reserve(admin)           accepted:admin:accepted-next-working-day                  queued:admin#2:queued-out-of-hours
gms           ooh:next-day    admin    -       protected  reserve(admin)           accepted:admin:accepted-next-working-day                  queued:admin#0:queued-out-of-hours
gms           ooh:next-day    admin    paused  -          queue                    queued:admin#2:queued-paused                              queued:admin#2:queued-paused
gms           ooh:next-day    admin    paused  protected  queue                    queued:admin#0:queued-paused                              queued:admin#0:queued-paused

bma-wait      core            routine  -       -          reserve(routine)         accepted:routine:accepted-routine                         queued:clinical#1:queued-capacity
bma-wait      core            routine  -       protected  reserve(routine)         accepted:routine:accepted-routine                         queued:clinical#0:queued-capacity
bma-wait      core            routine  paused  -          queue                    queued:clinical#1:queued-paused                           queued:clinical#1:queued-paused
bma-wait      core            routine  paused  protected  queue                    queued:clinical#0:queued-paused                           queued:clinical#0:queued-paused
bma-wait      core            urgent   -       -          reserve(urgent+routine)  accepted:urgent:accepted-urgent                           redirected:nhs-111:redirected-nhs-111
bma-wait      core            urgent   -       protected  reserve(urgent+routine)  accepted:urgent:accepted-urgent                           overbook:urgent:accepted-duty-clinician
bma-wait      core            urgent   paused  -          redirect                 redirected:nhs-111:redirected-paused                      redirected:nhs-111:redirected-paused
bma-wait      core            urgent   paused  protected  reserve(urgent+routine)  accepted:urgent:accepted-urgent                           overbook:urgent:accepted-duty-clinician
bma-wait      core            admin    -       -          reserve(admin)           accepted:admin:accepted-admin                             queued:admin#2:queued-capacity
bma-wait      core            admin    -       protected  reserve(admin)           accepted:admin:accepted-admin                             queued:admin#0:queued-capacity
bma-wait      core            admin    paused  -          queue                    queued:admin#2:queued-paused                              queued:admin#2:queued-paused
bma-wait      core            admin    paused  protected  queue                    queued:admin#0:queued-paused                              queued:admin#0:queued-paused

bma-wait      ooh:closed      routine  -       -          redirect                 redirected:nhs-111-online:redirected-closed-out-of-hours  redirected:nhs-111-online:redirected-closed-out-of-hours
bma-wait      ooh:closed      routine  -       protected  queue                    queued:clinical#0:queued-out-of-hours                     queued:clinical#0:queued-out-of-hours
bma-wait      ooh:closed      routine  paused  -          redirect                 redirected:nhs-111-online:redirected-closed-out-of-hours  redirected:nhs-111-online:redirected-closed-out-of-hours
bma-wait      ooh:closed      routine  paused  protected  queue                    queued:clinical#0:queued-out-of-hours                     queued:clinical#0:queued-out-of-hours
bma-wait      ooh:closed      urgent   -       -          redirect                 redirected:nhs-111:redirected-nhs-111                     redirected:nhs-111:redirected-nhs-111
bma-wait      ooh:closed      urgent   -       protected  redirect                 redirected:nhs-111:redirected-nhs-111                     redirected:nhs-111:redirected-nhs-111
bma-wait      ooh:closed      urgent   paused  -          redirect                 redirected:nhs-111:redirected-nhs-111                     redirected:nhs-111:redirected-nhs-111
bma-wait      ooh:closed      urgent   paused  protected  redirect                 redirected:nhs-111:redirected-nhs-111                     redirected:nhs-111:redirected-nhs-111
bma-wait      ooh:closed      admin    -       -          redirect                 redirected:nhs-111-online:redirected-closed-out-of-hours  redirected:nhs-111-online:redirected-closed-out-of-hours
bma-wait      ooh:closed      admin    -       protected  queue                    queued:admin#0:queued-out-of-hours                        queued:admin#0:queued-out-of-hours
bma-wait      ooh:closed      admin    paused  -          redirect                 redirected:nhs-111-online:redirected-closed-out-of-hours  redirected:nhs-111-online:redirected-closed-out-of-hours
bma-wait      ooh:closed      admin    paused  protected  queue                    queued:admin#0:queued-out-of-hours                        queued:admin#0:queued-out-of-hours

bma-wait      ooh:admin-only  routine  -       -          redirect                 redirected:nhs-111-online:redirected-closed-out-of-hours  redirected:nhs-111-online:redirected-closed-out-of-hours
bma-wait      ooh:admin-only  routine  -       protected  queue                    queued:clinical#0:queued-out-of-hours                     queued:clinical#0:queued-out-of-hours
bma-wait      ooh:admin-only  routine  paused  -          redirect                 redirected:nhs-111-online:redirected-closed-out-of-hours  redirected:nhs-111-online:redirected-closed-out-of-hours
bma-wait      ooh:admin-only  routine  paused  protected  queue                    queued:clinical#0:queued-out-of-hours                     queued:clinical#0:queued-out-of-hours
bma-wait      ooh:admin-only  urgent   -       -          redirect                 redirected:nhs-111:redirected-nhs-111                     redirected:nhs-111:redirected-nhs-111
bma-wait      ooh:admin-only  urgent   -       protected  redirect                 redirected:nhs-111:redirected-nhs-111                     redirected:nhs-111:redirected-nhs-111
bma-wait      ooh:admin-only  urgent   paused  -          redirect                 redirected:nhs-111:redirected-nhs-111                     redirected:nhs-111:redirected-nhs-111
bma-wait      ooh:admin-only  urgent   paused  protected  redirect                 redirected:nhs-111:redirected-nhs-111                     redirected:nhs-111:redirected-nhs-111
bma-wait      ooh:admin-only  admin    -       -          reserve(admin)           accepted:admin:accepted-next-working-day                  queued:admin#2:queued-out-of-hours
bma-wait      ooh:admin-only  admin    -       protected  reserve(admin)           accepted:admin:accepted-next-working-day                  queued:admin#0:queued-out-of-hours
bma-wait      ooh:admin-only  admin    paused  -          queue                    queued:admin#2:queued-paused                              queued:admin#2:queued-paused
bma-wait      ooh:admin-only  admin    paused  protected  queue                    queued:admin#0:queued-paused                              queued:admin#0:queued-paused

bma-wait      ooh:next-day    routine  -       -          reserve(routine)         accepted:routine:accepted-next-working-day                queued:clinical#1:queued-out-of-hours
bma-wait      ooh:next-day    routine  -       protected  reserve(routine)         accepted:routine:accepted-next-working-day                queued:clinical#0:queued-out-of-hours
bma-wait      ooh:next-day    routine  paused  -          queue                    queued:clinical#1:queued-paused                           queued:clinical#1:queued-paused
bma-wait      ooh:next-day    routine  paused  protected  queue                    queued:clinical#0:queued-paused                           queued:clinical#0:queued-paused
bma-wait      ooh:next-day    urgent   -       -          redirect                 redirected:nhs-111:redirected-nhs-111                     redirected:nhs-111:redirected-nhs-111
bma-wait      ooh:next-day    urgent   -       protected  redirect                 redirected:nhs-111:redirected-nhs-111                     redirected:nhs-111:redirected-nhs-111
bma-wait      ooh:next-day    urgent   paused  -          redirect                 redirected:nhs-111:redirected-nhs-111                     redirected:nhs-111:redirected-nhs-111
bma-wait      ooh:next-day    urgent   paused  protected  redirect                 redirected:nhs-111:redirected-nhs-111                     redirected:nhs-111:redirected-nhs-111
bma-wait      ooh:next-day    admin    -       -          reserve(admin)           accepted:admin:accepted-next-working-day                  queued:admin#2:queued-out-of-hours
bma-wait      ooh:next-day    admin    -       protected  reserve(admin)           accepted:admin:accepted-next-working-day                  queued:admin#0:queued-out-of-hours
bma-wait      ooh:next-day    admin    paused  -          queue                    queued:admin#2:queued-paused                              queued:admin#2:queued-paused
bma-wait      ooh:next-day    admin    paused  protected  queue                    queued:admin#0:queued-paused                              queued:admin#0:queued-paused

bma-signpost  core            routine  -       -          reserve(routine)         accepted:routine:accepted-routine                         redirected:nhs-111-online:redirected-nhs-111-online
bma-signpost  core            routine  -       protected  reserve(routine)         accepted:routine:accepted-routine                         queued:clinical#0:queued-capacity
bma-signpost  core            routine  paused  -          queue                    queued:clinical#1:queued-paused                           queued:clinical#1:queued-paused
bma-signpost  core            routine  paused  protected  queue                    queued:clinical#0:queued-paused                           queued:clinical#0:queued-paused
bma-signpost  core            urgent   -       -          reserve(urgent+routine)  accepted:urgent:accepted-urgent                           redirected:nhs-111:redirected-nhs-111
bma-signpost  core            urgent   -       protected  reserve(urgent+routine)  accepted:urgent:accepted-urgent                           overbook:urgent:accepted-duty-clinician
bma-signpost  core            urgent   paused  -          redirect                 redirected:nhs-111:redirected-paused                      redirected:nhs-111:redirected-paused
bma-signpost  core            urgent   paused  protected  reserve(urgent+routine)  accepted:urgent:accepted-urgent                           overbook:urgent:accepted-duty-clinician
bma-signpost  core            admin    -       -          reserve(admin)           accepted:admin:accepted-admin                             queued:admin#2:queued-capacity
bma-signpost  core            admin    -       protected  reserve(admin)           accepted:admin:accepted-admin                             queued:admin#0:queued-capacity
bma-signpost  core            admin    paused  -          queue                    queued:admin#2:queued-paused                              queued:admin#2:queued-paused
bma-signpost  core            admin    paused  protected  queue                    queued:admin#0:queued-paused                              queued:admin#0:queued-paused

bma-signpost  ooh:closed      routine  -       -          redirect                 redirected:nhs-111-online:redirected-closed-out-of-hours  redirected:nhs-111-online:redirected-closed-out-of-hours
bma-signpost  ooh:closed      routine  -       protected  queue                    queued:clinical#0:queued-out-of-hours                     queued:clinical#0:queued-out-of-hours
bma-signpost  ooh:closed      routine  paused  -          redirect                 redirected:nhs-111-online:redirected-closed-out-of-hours  redirected:nhs-111-online:redirected-closed-out-of-hours
bma-signpost  ooh:closed      routine  paused  protected  queue                    queued:clinical#0:queued-out-of-hours                     queued:clinical#0:queued-out-of-hours
bma-signpost  ooh:closed      urgent   -       -          redirect                 redirected:nhs-111:redirected-nhs-111                     redirected:nhs-111:redirected-nhs-111
bma-signpost  ooh:closed      urgent   -       protected  redirect                 redirected:nhs-111:redirected-nhs-111                     redirected:nhs-111:redirected-nhs-111
bma-signpost  ooh:closed      urgent   paused  -          redirect                 redirected:nhs-111:redirected-nhs-111                     redirected:nhs-111:redirected-nhs-111
bma-signpost  ooh:closed      urgent   paused  protected  redirect                 redirected:nhs-111:redirected-nhs-111                     redirected:nhs-111:redirected-nhs-111
bma-signpost  ooh:closed      admin    -       -          redirect                 redirected:nhs-111-online:redirected-closed-out-of-hours  redirected:nhs-111-online:redirected-closed-out-of-hours
bma-signpost  ooh:closed      admin    -       protected  queue                    queued:admin#0:queued-out-of-hours                        queued:admin#0:queued-out-of-hours
bma-signpost  ooh:closed      admin    paused  -          redirect                 redirected:nhs-111-online:redirected-closed-out-of-hours  redirected:nhs-111-online:redirected-closed-out-of-hours
bma-signpost  ooh:closed      admin    paused  protected  queue                    queued:admin#0:queued-out-of-hours                        queued:admin#0:queued-out-of-hours

bma-signpost  ooh:admin-only  routine  -       -          redirect                 redirected:nhs-111-online:redirected-closed-out-of-hours  redirected:nhs-111-online:redirected-closed-out-of-hours
bma-signpost  ooh:admin-only  routine  -       protected  queue                    queued:clinical#0:queued-out-of-hours                     queued:clinical#0:queued-out-of-hours
bma-signpost  ooh:admin-only  routine  paused  -          redirect                 redirected:nhs-111-online:redirected-closed-out-of-hours  redirected:nhs-111-online:redirected-closed-out-of-hours
bma-signpost  ooh:admin-only  routine  paused  protected  queue                    queued:clinical#0:queued-out-of-hours                     queued:clinical#0:queued-out-of-hours
bma-signpost  ooh:admin-only  urgent   -       -          redirect                 redirected:nhs-111:redirected-nhs-111                     redirected:nhs-111:redirected-nhs-111
bma-signpost  ooh:admin-only  urgent   -       protected  redirect                 redirected:nhs-111:redirected-nhs-111                     redirected:nhs-111:redirected-nhs-111
bma-signpost  ooh:admin-only  urgent   paused  -          redirect                 redirected:nhs-111:redirected-nhs-111                     redirected:nhs-111:redirected-nhs-111
bma-signpost  ooh:admin-only  urgent   paused  protected  redirect                 redirected:nhs-111:redirected-nhs-111                     redirected:nhs-111:redirected-nhs-111
bma-signpost  ooh:admin-only  admin    -       -          reserve(admin)           accepted:admin:accepted-next-working-day                  queued:admin#2:queued-out-of-hours
bma-signpost  ooh:admin-only  admin    -       protected  reserve(admin)           accepted:admin:accepted-next-working-day                  queued:admin#0:queued-out-of-hours
bma-signpost  ooh:admin-only  admin    paused  -          queue                    queued:admin#2:queued-paused                              queued:admin#2:queued-paused
bma-signpost  ooh:admin-only  admin    paused  protected  queue                    queued:admin#0:queued-paused                              queued:admin#0:queued-paused

bma-signpost  ooh:next-day    routine  -       -          reserve(routine)         accepted:routine:accepted-next-working-day                redirected:nhs-111-online:redirected-nhs-111-online
bma-signpost  ooh:next-day    routine  -       protected  reserve(routine)         accepted:routine:accepted-next-working-day                queued:clinical#0:queued-out-of-hours
bma-signpost  ooh:next-day    routine  paused  -          queue                    queued:clinical#1:queued-paused                           queued:clinical#1:queued-paused
bma-signpost  ooh:next-day    routine  paused  protected  queue                    queued:clinical#0:queued-paused                           queued:clinical#0:queued-paused
bma-signpost  ooh:next-day    urgent   -       -          redirect                 redirected:nhs-111:redirected-nhs-111                     redirected:nhs-111:redirected-nhs-111
bma-signpost  ooh:next-day    urgent   -       protected  redirect                 redirected:nhs-111:redirected-nhs-111                     redirected:nhs-111:redirected-nhs-111
bma-signpost  ooh:next-day    urgent   paused  -          redirect                 redirected:nhs-111:redirected-nhs-111                     redirected:nhs-111:redirected-nhs-111
bma-signpost  ooh:next-day    urgent   paused  protected  redirect                 redirected:nhs-111:redirected-nhs-111                     redirected:nhs-111:redirected-nhs-111
bma-signpost  ooh:next-day    admin    -       -          reserve(admin)           accepted:admin:accepted-next-working-day                  queued:admin#2:queued-out-of-hours
bma-signpost  ooh:next-day    admin    -       protected  reserve(admin)           accepted:admin:accepted-next-working-day                  queued:admin#0:queued-out-of-hours
bma-signpost  ooh:next-day    admin    paused  -          queue                    queued:admin#2:queued-paused                              queued:admin#2:queued-paused
bma-signpost  ooh:next-day    admin    paused  protected  queue                    queued:admin#0:queued-paused                              queued:admin#0:queued-paused
`;

const PROFILES: Record<string, PracticeConfigInput> = {
  gms: {},
  'bma-wait': { policy: 'bma-safe-working', beyondCapacity: 'wait-list' },
  'bma-signpost': { policy: 'bma-safe-working', beyondCapacity: 'signpost' },
};
const OUT_OF_HOURS = { closed: 'closed', 'admin-only': 'admin-only', 'next-day': 'next-working-day' } as const;
const REQUESTS = { routine, urgent, admin };
const PAUSE = { until: '2026-12-01T18:30:00Z', reason: 'Two GPs off sick, no locum available' };

const rows = TABLE.trim()
  .split('\n')
  .slice(1)
  .filter((line) => line.trim() !== '')
  .map((line) => line.trim().split(/\s+/) as [string, string, string, string, string, string, string, string]);

function contextFor(profile: string, hours: string, paused: string) {
  const ooh = hours.startsWith('ooh:') ? OUT_OF_HOURS[hours.slice(4) as keyof typeof OUT_OF_HOURS] : undefined;
  const input = { ...PROFILES[profile], ...(ooh ? { outOfHours: ooh } : {}) };
  return ctx({ now: ooh ? MONDAY_7PM : MONDAY_10AM, config: config(input), pause: paused === 'paused' ? PAUSE : null });
}

function planToken(plan: Plan): string {
  return plan.type === 'reserve' ? `reserve(${plan.shares.join('+')})` : plan.type;
}

function outcomeToken(plan: Plan, o: StoreOutcome): string {
  switch (o.outcome) {
    case 'accepted':
      return `${o.overbooked ? 'overbook' : 'accepted'}:${o.share}:${o.reasonCode}`;
    case 'queued': {
      const q =
        plan.type === 'queue'
          ? plan
          : plan.type === 'reserve' && plan.onFull.type === 'queue'
            ? plan.onFull
            : undefined;
      return `queued:${q?.list}#${q?.priority}:${o.reasonCode}`;
    }
    case 'redirected':
      return `redirected:${o.destination}:${o.reasonCode}`;
  }
}

const ROOM = { free: { routine: 5, urgent: 5, admin: 5 }, queue: [] };
const FULL = { free: { routine: 0, urgent: 0, admin: 0 }, queue: [] };

describe('decision table', () => {
  it('covers every combination exactly once', () => {
    const keys = rows.map((r) => r.slice(0, 5).join(' '));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toHaveLength(3 * 4 * 3 * 2 * 2);
  });

  it.each(rows)(
    '%s %s %s %s %s → %s | room: %s | full: %s',
    (profile, hours, kind, paused, cohort, plan, room, full) => {
      const c = contextFor(profile, hours, paused);
      const req = REQUESTS[kind as keyof typeof REQUESTS]({
        description: 'Back pain for a week',
        ...(cohort === 'protected' ? { patient: { cohorts: ['palliative-care'] } } : {}),
      });
      const p = planDecision(req, c);
      expect(planToken(p)).toBe(plan);
      expect(p.day).toBe(hours === 'core' ? '2026-11-30' : '2026-12-01');
      expect(outcomeToken(p, referenceOutcome(p, ROOM))).toBe(room);
      expect(outcomeToken(p, referenceOutcome(p, FULL))).toBe(full);
    },
  );

  it.each(rows)(
    'red flag, whatever the row: %s %s %s %s %s → redirected to 999, not counted',
    (profile, hours, kind, paused, cohort) => {
      const patient = cohort === 'protected' ? { patient: { cohorts: ['palliative-care'] } } : {};
      const p = planDecision(
        redFlag({ kind: kind === 'admin' ? 'admin' : 'clinical', ...patient }),
        contextFor(profile, hours, paused),
      );
      expect(p).toMatchObject({
        type: 'redirect',
        destination: '999',
        reasonCode: 'redirected-emergency',
        counted: false,
        flags: ['emergency-signposted'],
      });
    },
  );

  // A concern is never queued and never takes a routine place, whatever the profile, pause, cohort or kind.
  it.each(rows)(
    'concern, whatever the row: %s %s %s %s %s → the duty clinician today in core hours, else NHS 111',
    (profile, hours, kind, paused, cohort) => {
      const patient = cohort === 'protected' ? { patient: { cohorts: ['palliative-care'] } } : {};
      const urgency = kind === 'urgent' ? 'urgent' : 'routine';
      const p = planDecision(
        concern({ kind: kind === 'admin' ? 'admin' : 'clinical', urgency, ...patient }),
        contextFor(profile, hours, paused),
      );
      expect(p.flags).toEqual(['concern']);
      if (hours === 'core') {
        expect(planToken(p)).toBe('reserve(urgent)');
        expect(p.day).toBe('2026-11-30');
        expect(outcomeToken(p, referenceOutcome(p, ROOM))).toBe('accepted:urgent:concern-duty-clinician');
        expect(outcomeToken(p, referenceOutcome(p, FULL))).toBe('overbook:urgent:concern-duty-clinician');
      } else {
        expect(p).toMatchObject({
          type: 'redirect',
          destination: 'nhs-111',
          reasonCode: 'redirected-concern',
          counted: false,
        });
      }
    },
  );
});
