import fc from 'fast-check';
import { CLINICIAN_ROLES, PracticeConfig, type RotaBody } from '@sluice/contracts';
import { NO_CAPACITY, resolveRota, safeCapacity, type WeeklyRota } from './capacity';

const config = PracticeConfig.parse({});
const gp = (id: string, contacts?: number) => ({
  id,
  role: 'GP' as const,
  ...(contacts === undefined ? {} : { contacts }),
});
const threeGps: RotaBody = { clinicians: [gp('gp1'), gp('gp2'), gp('gp3')] };

describe('resolveRota', () => {
  const weekly: WeeklyRota = { monday: threeGps, tuesday: { clinicians: [gp('gp1')] } };

  it('uses the weekly template for the weekday', () => {
    expect(resolveRota('2026-11-30', weekly)).toBe(threeGps);
    expect(resolveRota('2026-12-01', weekly)?.clinicians).toHaveLength(1);
  });
  it('a dated rota overrides the template', () => {
    const dated = { clinicians: [gp('locum', 20)] };
    expect(resolveRota('2026-11-30', weekly, dated)).toBe(dated);
  });
  it('a weekday missing from the template has no rota', () => {
    expect(resolveRota('2026-12-02', weekly)).toBeNull();
  });
  it('a weekend has no rota unless one is dated', () => {
    expect(resolveRota('2026-11-28', weekly)).toBeNull();
    expect(resolveRota('2026-11-29', weekly)).toBeNull();
  });
  it('no template at all: no rota', () => {
    expect(resolveRota('2026-11-30', null)).toBeNull();
  });
});

describe('safeCapacity', () => {
  it('three GPs at the default 25: 75 contacts, 15 held for urgent need, 20 admin', () => {
    expect(safeCapacity(threeGps, config)).toEqual({ total: 75, routine: 60, urgent: 15, admin: 20 });
  });
  it("a clinician's own figure wins over the role's", () => {
    expect(safeCapacity({ clinicians: [gp('gp1', 18), gp('gp2')] }, config).total).toBe(43);
  });
  it('uses the practice figure for each role', () => {
    const rota: RotaBody = { clinicians: CLINICIAN_ROLES.map((role) => ({ id: role, role })) };
    expect(safeCapacity(rota, config).total).toBe(25 + 25 + 20 + 15 + 25 + 20 + 10 + 15);
    const custom = PracticeConfig.parse({ roleContacts: { pharmacist: 30 } });
    expect(safeCapacity({ clinicians: [{ id: 'p', role: 'pharmacist' }] }, custom).total).toBe(30);
  });
  it('rounds the urgent share to whole contacts', () => {
    expect(safeCapacity({ clinicians: [gp('gp1', 12)] }, config)).toMatchObject({ total: 12, urgent: 2, routine: 10 }); // 2.4
    expect(safeCapacity({ clinicians: [gp('gp1', 13)] }, config)).toMatchObject({ total: 13, urgent: 3, routine: 10 }); // 2.6
  });
  it('a closed day, no rota, and an empty rota have no clinical capacity', () => {
    expect(safeCapacity({ clinicians: threeGps.clinicians, closed: true }, config)).toEqual(NO_CAPACITY);
    expect(safeCapacity(null, config)).toEqual(NO_CAPACITY);
    expect(safeCapacity({ clinicians: [] }, config)).toEqual({ total: 0, routine: 0, urgent: 0, admin: 20 });
  });

  it('property: routine + urgent = total, every share ≥ 0, admin is the allowance', () => {
    const clinician = fc.record(
      {
        id: fc.string({ minLength: 1, maxLength: 40 }),
        role: fc.constantFrom(...CLINICIAN_ROLES),
        contacts: fc.integer({ min: 0, max: 200 }),
      },
      { requiredKeys: ['id', 'role'] },
    );
    fc.assert(
      fc.property(
        fc.array(clinician, { maxLength: 100 }),
        fc.double({ min: 0, max: 90, noNaN: true }),
        fc.integer({ min: 0, max: 10_000 }),
        (clinicians, urgentSharePct, adminAllowance) => {
          const cap = safeCapacity({ clinicians }, { ...config, urgentSharePct, adminAllowance });
          expect(cap.routine + cap.urgent).toBe(cap.total);
          for (const v of Object.values(cap)) {
            expect(Number.isInteger(v)).toBe(true);
            expect(v).toBeGreaterThanOrEqual(0);
          }
          expect(cap.admin).toBe(adminAllowance);
          expect(Math.abs(cap.urgent - (cap.total * urgentSharePct) / 100)).toBeLessThanOrEqual(0.5);
        },
      ),
    );
  });
});
