#!/usr/bin/env python3
"""Synthetic GP online-consultation demand for 6 English practices.

Standard library only. Fixed seed -> repeatable. Writes <name>.csv next to
this script with header received_at,kind,urgency (one row per request,
sorted by instant, ISO 8601 with UK offset +00:00 / +01:00).
"""
import csv
import math
import os
import sys
import random
from datetime import date, datetime, timedelta, timezone

SEED = 20250106
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
START = date(2025, 1, 6)          # Monday
WEEKS = 60
DAYS = [START + timedelta(d) for d in range(WEEKS * 7)]

# England & Wales bank holidays (gov.uk), 2025-2026
BANK_HOLIDAYS = {
    date(2025, 1, 1), date(2025, 4, 18), date(2025, 4, 21), date(2025, 5, 5),
    date(2025, 5, 26), date(2025, 8, 25), date(2025, 12, 25), date(2025, 12, 26),
    date(2026, 1, 1), date(2026, 4, 3), date(2026, 4, 6), date(2026, 5, 4),
    date(2026, 5, 25), date(2026, 8, 31), date(2026, 12, 25), date(2026, 12, 28),
}

# Typical English state-school holidays (inclusive ranges, weekdays matter)
SCHOOL_HOLIDAYS = [
    (date(2025, 2, 17), date(2025, 2, 21)),
    (date(2025, 4, 7), date(2025, 4, 21)),
    (date(2025, 5, 26), date(2025, 5, 30)),
    (date(2025, 7, 23), date(2025, 9, 2)),
    (date(2025, 10, 27), date(2025, 10, 31)),
    (date(2025, 12, 22), date(2026, 1, 2)),
    (date(2026, 2, 16), date(2026, 2, 20)),
]

# University: (start, end, factor on the student component)
UNI_CALENDAR = [
    (date(2025, 1, 6), date(2025, 1, 12), 0.55),    # students returning
    (date(2025, 1, 13), date(2025, 3, 21), 1.00),   # spring term
    (date(2025, 3, 22), date(2025, 4, 21), 0.45),   # Easter vacation
    (date(2025, 4, 22), date(2025, 5, 11), 1.00),   # summer term
    (date(2025, 5, 12), date(2025, 6, 6), 1.15),    # exams (stress, extensions/fit notes)
    (date(2025, 6, 7), date(2025, 6, 20), 0.70),    # post-exam, leaving
    (date(2025, 6, 21), date(2025, 9, 14), 0.28),   # summer vacation
    (date(2025, 9, 15), date(2025, 9, 21), 0.80),   # arrivals
    (date(2025, 9, 22), date(2025, 10, 12), 1.55),  # freshers + freshers' flu
    (date(2025, 10, 13), date(2025, 12, 12), 1.00), # autumn term
    (date(2025, 12, 13), date(2026, 1, 4), 0.35),   # Christmas vacation
    (date(2026, 1, 5), date(2026, 1, 11), 0.65),    # January exams/return
    (date(2026, 1, 12), date(2026, 3, 1), 1.00),    # spring term
]


def in_ranges(d, ranges):
    return any(a <= d <= b for a, b in ranges)


def uni_factor(d):
    for a, b, f in UNI_CALENDAR:
        if a <= d <= b:
            return f
    return 1.0


def closed(d):
    return d.weekday() >= 5 or d in BANK_HOLIDAYS


def days_closed_before(d):
    """Consecutive closed days immediately before d (0 if d-1 was open)."""
    n, x = 0, d - timedelta(1)
    while closed(x):
        n += 1
        x -= timedelta(1)
    return n


# ---------------------------------------------------------------- UK offset
def bst(d, hour):
    """True if local wall time (date d, hour) is in British Summer Time."""
    def last_sunday(y, m):
        x = date(y, m + 1, 1) - timedelta(1) if m < 12 else date(y, 12, 31)
        return x - timedelta((x.weekday() + 1) % 7)
    s, e = last_sunday(d.year, 3), last_sunday(d.year, 10)
    if s < d < e:
        return True
    if d == s:
        return hour >= 2
    if d == e:
        return hour < 2          # ambiguous 01:xx taken as BST (first pass)
    return False


# ---------------------------------------------------------------- sampling
def poisson(rng, lam):
    if lam <= 0:
        return 0
    if lam < 40:
        L, k, p = math.exp(-lam), 0, 1.0
        while True:
            p *= rng.random()
            if p <= L:
                return k
            k += 1
    return max(0, int(round(rng.gauss(lam, math.sqrt(lam)))))


def gauss_bump(d, centre, width):
    x = (d - centre).days / width
    return math.exp(-x * x)


# Intraday profiles (local hour 0..23), relative weights
WEEKDAY_CLIN = [0.35, 0.18, 0.10, 0.08, 0.10, 0.25, 0.9, 2.6, 10.0, 7.6, 6.0,
                5.0, 4.0, 3.7, 3.5, 3.2, 2.9, 2.5, 2.0, 1.9, 1.8, 1.5, 1.1, 0.7]
WEEKDAY_ADMIN = [0.4, 0.2, 0.1, 0.08, 0.1, 0.3, 0.9, 2.0, 5.5, 5.5, 5.2,
                 4.8, 4.2, 4.2, 4.0, 3.8, 3.4, 3.0, 2.6, 2.6, 2.5, 2.1, 1.5, 0.9]
WEEKEND = [0.5, 0.3, 0.15, 0.1, 0.1, 0.2, 0.5, 1.2, 2.6, 3.6, 3.9,
           3.7, 3.2, 3.0, 2.9, 2.8, 2.7, 2.6, 2.5, 2.5, 2.4, 2.1, 1.5, 0.9]


def shift_profile(prof, evening, early):
    """evening>1 boosts 18-02h (students); early>1 boosts 06-09h (rural)."""
    out = []
    for h, w in enumerate(prof):
        if h >= 18 or h <= 2:
            w *= evening
        if 6 <= h <= 9:
            w *= early
        out.append(w)
    return out


# ---------------------------------------------------------------- practices
# dow weights Mon..Sun for clinical; admin is flatter.
BASE_DOW_CLIN = [1.55, 1.18, 1.02, 1.00, 0.88, 0.22, 0.19]
BASE_DOW_ADMIN = [1.30, 1.12, 1.05, 1.03, 0.95, 0.30, 0.25]

HEATWAVES = [(date(2025, 6, 20), date(2025, 6, 21)),
             (date(2025, 6, 30), date(2025, 7, 2)),
             (date(2025, 8, 11), date(2025, 8, 14))]

PRACTICES = [
    dict(name="riverside_health", desc="Large urban training practice, mixed population.",
         list0=16200, list1=16500, rate=0.065, admin=0.30, urgent=0.22,
         winter=0.10, school=0.95, noise_k=60, evening=1.0, early=1.0,
         heat=1.10, dow_sharp=1.0,
         events=[("outage", date(2025, 6, 11), 0, 24),
                 ("mult", date(2025, 6, 12), 1.30),
                 ("mult", date(2025, 11, 4), 1.18)]),
    dict(name="meadowbank_newtown", desc="Edge-of-town practice absorbing a new housing estate.",
         list0=8200, list1=10900, rate=0.072, admin=0.27, urgent=0.26,
         winter=0.11, school=0.90, noise_k=30, evening=1.1, early=1.0,
         heat=1.08, dow_sharp=1.05,
         events=[("mult", date(2026, 1, 27), 1.35)]),
    dict(name="castle_street", desc="Town-centre practice; neighbouring practice merged in.",
         list0=9100, list1=9200, rate=0.058, admin=0.34, urgent=0.20,
         winter=0.09, school=0.95, noise_k=30, evening=1.0, early=1.0,
         heat=1.10, dow_sharp=0.95,
         merge=dict(day=date(2025, 8, 4), extra=4600, surge=1.18, surge_weeks=4),
         events=[("outage", date(2025, 9, 9), 0, 24),
                 ("mult", date(2025, 9, 10), 1.25)]),
    dict(name="fellside_rural", desc="Small dispensing-style rural practice, older patients.",
         list0=3150, list1=3200, rate=0.048, admin=0.38, urgent=0.17,
         winter=0.14, school=1.0, summer_visitors=1.08, noise_k=6,
         evening=0.65, early=1.3, heat=1.05, dow_sharp=0.9,
         events=[("mult", date(2025, 2, 18), 1.7), ("mult", date(2025, 2, 19), 1.5),
                 ("mult", date(2025, 2, 20), 1.3),
                 ("outage", date(2025, 10, 15), 10, 24),
                 ("mult", date(2025, 10, 16), 1.35)]),
    dict(name="university_health_centre", desc="Campus practice, ~85% students.",
         list0=15500, list1=15500, rate=0.070, admin=0.22, urgent=0.30,
         winter=0.04, school=1.0, student_frac=0.85, noise_k=25,
         evening=1.8, early=0.8, heat=1.0, dow_sharp=0.85,
         events=[("mult", date(2025, 10, 21), 1.6), ("mult", date(2025, 10, 22), 1.35),
                 ("outage", date(2026, 1, 20), 8, 13)]),
    dict(name="oakwood_family", desc="Suburban practice, many young families.",
         list0=11200, list1=11600, rate=0.078, admin=0.25, urgent=0.30,
         winter=0.13, school=0.86, noise_k=35, evening=1.15, early=1.0,
         heat=1.12, dow_sharp=1.1, sept_surge=0.12,
         events=[("clin", date(2025, 12, 2), 1.25), ("clin", date(2025, 12, 3), 1.6),
                 ("clin", date(2025, 12, 4), 1.45), ("clin", date(2025, 12, 5), 1.25)]),
]


def list_size(p, d):
    t = (d - START).days / (len(DAYS) - 1)
    if p["name"] == "meadowbank_newtown":
        t = t ** 1.15                       # completions accelerate a little
    n = p["list0"] + (p["list1"] - p["list0"]) * t
    m = p.get("merge")
    if m and d >= m["day"]:
        ramp = min(1.0, ((d - m["day"]).days + 1) / 10.0)  # records move over ~10 days
        n += m["extra"] * ramp
    return n


def seasonal(p, d):
    doy = d.timetuple().tm_yday
    s = 1 + p["winter"] * math.cos(2 * math.pi * (doy - 20) / 365.25)
    # respiratory waves: tail of the 2024/25 flu peak, early 2025/26 season
    s += 2.2 * p["winter"] * gauss_bump(d, date(2025, 1, 1), 12)
    s += 2.0 * p["winter"] * gauss_bump(d, date(2025, 12, 8), 16)
    s += 0.5 * p["winter"] * gauss_bump(d, date(2025, 9, 25), 14)   # autumn covid/colds
    return s


def day_rates(p, d, rng_state):
    """Return (clinical_lambda, admin_lambda, outage windows, urgent multiplier)."""
    wd = d.weekday()
    n = list_size(p, d)
    weekly = n * p["rate"]
    sh = p["dow_sharp"]
    dc = [1 + (w - 1) * sh for w in BASE_DOW_CLIN]
    dc = [w / sum(dc) for w in dc]
    da = [w / sum(BASE_DOW_ADMIN) for w in BASE_DOW_ADMIN]
    clin_share = 1 - p["admin"]
    fc, fa = dc[wd], da[wd]
    urg = 1.0

    if d in BANK_HOLIDAYS:
        fc, fa = dc[5] * 1.05, da[5]
    elif not closed(d):
        k = days_closed_before(d)
        if k >= 3 or (k >= 1 and wd != 0):
            # first working day after a bank holiday / Christmas closure
            fc = dc[0] * (1.0 + 0.07 * max(0, k - 2)) * (1.06 if wd != 0 else 1.0)
            fa = da[0] * (1.0 + 0.06 * max(0, k - 2))
            urg = 1.12
        elif wd == 0:
            urg = 1.08
    if d == date(2025, 12, 24) or d == date(2025, 12, 31):
        fc *= 0.8; fa *= 0.7
    if date(2025, 12, 27) <= d <= date(2025, 12, 31) and not closed(d) and days_closed_before(d) == 0:
        fc *= 0.9; fa *= 0.8

    clin = weekly * clin_share * fc * seasonal(p, d)
    adm = weekly * p["admin"] * fa * (1 + 0.03 * math.cos(2 * math.pi * (d.timetuple().tm_yday - 20) / 365.25))

    # school holidays (family practices dip, mostly clinical routine)
    if in_ranges(d, SCHOOL_HOLIDAYS):
        clin *= p["school"]
        adm *= (1 + p["school"]) / 2
    if "summer_visitors" in p and date(2025, 7, 19) <= d <= date(2025, 9, 6):
        clin *= p["summer_visitors"]
    if "sept_surge" in p:
        clin *= 1 + p["sept_surge"] * gauss_bump(d, date(2025, 9, 17), 9)
    if "student_frac" in p:
        sf = p["student_frac"]
        u = uni_factor(d)
        clin *= (1 - sf) + sf * u
        adm_u = u if u <= 1.2 else 1 + (u - 1) * 1.4   # registrations/letters in freshers
        adm *= (1 - sf) + sf * adm_u
        if date(2025, 9, 22) <= d <= date(2025, 10, 12):
            urg *= 1.1
    if in_ranges(d, HEATWAVES):
        clin *= p["heat"]

    m = p.get("merge")
    if m and m["day"] <= d < m["day"] + timedelta(weeks=m["surge_weeks"]):
        frac = m["extra"] / list_size(p, d)
        clin *= 1 + (m["surge"] - 1) * frac / 0.33
        adm *= 1 + 1.5 * (m["surge"] - 1) * frac / 0.33   # repeat meds, records queries

    outages = []
    for ev in p["events"]:
        if ev[1] != d:
            continue
        if ev[0] == "mult":
            clin *= ev[2]; adm *= ev[2]; urg *= 1.05
        elif ev[0] == "clin":
            clin *= ev[2]; urg *= 1.25
        elif ev[0] == "outage":
            outages.append((ev[2], ev[3]))
    return clin, adm, outages, urg


def hour_profile(p, d, stream):
    if closed(d):
        prof = WEEKEND
    else:
        prof = WEEKDAY_CLIN if stream == "clinical" else WEEKDAY_ADMIN
    return shift_profile(prof, p["evening"], p["early"])


def simulate(p, rng):
    rows = []
    drift = 0.0
    for d in DAYS:
        if d.weekday() == 0:
            drift = 0.7 * drift + rng.gauss(0, 0.03)     # slow week-to-week wander
        clin, adm, outages, urg_mult = day_rates(p, d, None)
        common = rng.gammavariate(p["noise_k"], 1.0 / p["noise_k"]) * math.exp(drift)
        for stream, lam in (("clinical", clin), ("admin", adm)):
            prof = hour_profile(p, d, stream)
            if outages:
                prof = [w * (0.01 if any(a <= h < b for a, b in outages) else 1.0)
                        for h, w in enumerate(prof)]
                # lost share of the day
                base = hour_profile(p, d, stream)
                lam *= sum(prof) / sum(base)
            n = poisson(rng, lam * common * (rng.gammavariate(200, 1 / 200)))
            if n == 0:
                continue
            hours = rng.choices(range(24), weights=prof, k=n)
            for h in hours:
                if h == 8 and not closed(d) and rng.random() < 0.45:
                    sec = int(rng.expovariate(1 / 240.0)) % 3600  # 08:00 rush
                else:
                    sec = rng.randrange(3600)
                mi, s = divmod(sec, 60)
                hh = h
                if d == date(2025, 3, 30) and h == 1:
                    hh = 2                                   # 01:xx does not exist
                off = 1 if bst(d, hh) else 0
                local = datetime(d.year, d.month, d.day, hh, mi, s)
                inst = local - timedelta(hours=off)
                if stream == "admin":
                    rows.append((inst, off, "admin", "routine"))
                    continue
                pu = p["urgent"] * urg_mult
                if closed(d):
                    pu *= 1.25
                if 7 <= h <= 10:
                    pu *= 1.12
                elif h >= 18 or h < 7:
                    pu *= 0.9
                pu *= 1 + 0.6 * (seasonal(p, d) - 1)
                pu = min(pu, 0.65)
                rows.append((inst, off, "clinical",
                             "urgent" if rng.random() < pu else "routine"))
    rows.sort(key=lambda r: r[0])
    return rows


def fmt(inst, off):
    tz = timezone(timedelta(hours=off))
    local = (inst + timedelta(hours=off)).replace(tzinfo=tz)
    return local.isoformat()


def main():
    master = random.Random(SEED)
    for p in PRACTICES:
        rng = random.Random(master.randrange(2 ** 32))
        rows = simulate(p, rng)
        path = os.path.join(OUT, p["name"] + ".csv")
        with open(path, "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["received_at", "kind", "urgency"])
            for inst, off, kind, urg in rows:
                w.writerow([fmt(inst, off), kind, urg])
        print(f"{p['name']}.csv {len(rows)}")


if __name__ == "__main__":
    main()
