import type { HourlyDemand } from '@sluice/capacity-store';

export interface ChartRow {
  /** "08:00 to 09:00" */
  label: string;
  hour: number;
  requests: number;
  cumulative: number;
}

export interface DemandChart {
  svg: string;
  rows: ChartRow[];
  total: number;
  safe: number;
  /** Hour demand first reached safe capacity, if it did. */
  reachedAt: string | null;
}

const W = 640;
const H = 280;
const PAD = { left: 44, right: 16, top: 16, bottom: 40 };
const pad2 = (n: number) => String(n).padStart(2, '0');

/** A tidy axis maximum and tick step for values up to `max`. */
export function scale(max: number): { top: number; step: number } {
  const raw = Math.max(4, max);
  const step = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000].find((s) => raw / s <= 6) ?? Math.ceil(raw / 6);
  return { top: Math.ceil(raw / step) * step, step };
}

/**
 * Today's clinical demand against safe clinical capacity, by hour, as an SVG drawn on the server: it
 * needs no script and no CDN, and scales to the screen. Bars are requests that arrived in each hour;
 * the line is the running total; the dashed line is the day's safe capacity (routine + urgent). Hours
 * shown are core hours (08:00–18:30), widened to take in any demand that came earlier or later.
 * Only numbers reach the markup, so nothing needs escaping.
 */
export function demandChart(demand: HourlyDemand, safe: number, nowHour = 24): DemandChart {
  const counts = demand.clinical;
  const busy = counts.map((n, h) => (n > 0 ? h : -1)).filter((h) => h >= 0);
  const from = Math.min(8, ...busy);
  const to = Math.max(18, ...busy);
  const rows: ChartRow[] = [];
  let running = 0;
  for (let h = from; h <= to; h++) {
    running += counts[h] ?? 0;
    rows.push({
      label: `${pad2(h)}:00 to ${pad2((h + 1) % 24)}:00`,
      hour: h,
      requests: counts[h] ?? 0,
      cumulative: running,
    });
  }
  const reached = safe > 0 ? rows.find((r) => r.cumulative >= safe) : undefined;
  const { top, step } = scale(Math.max(running, safe));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / rows.length;
  const y = (v: number) => PAD.top + plotH - (v / top) * plotH;
  const r1 = (v: number) => Math.round(v * 10) / 10;

  const parts: string[] = [];
  for (let v = 0; v <= top; v += step) {
    parts.push(
      `<line class="app-chart__grid" x1="${PAD.left}" x2="${W - PAD.right}" y1="${r1(y(v))}" y2="${r1(y(v))}"/>`,
    );
    parts.push(`<text class="app-chart__tick" x="${PAD.left - 6}" y="${r1(y(v) + 4)}" text-anchor="end">${v}</text>`);
  }
  rows.forEach((r, i) => {
    const x = PAD.left + i * slot;
    if (r.requests > 0) {
      parts.push(
        `<rect class="app-chart__bar" x="${r1(x + slot * 0.15)}" y="${r1(y(r.requests))}" width="${r1(slot * 0.7)}" height="${r1(y(0) - y(r.requests))}"/>`,
      );
    }
    // Odd hours are marked so a narrow screen can drop them and show the rest larger (app.css).
    parts.push(
      `<text class="app-chart__tick app-chart__hour${r.hour % 2 ? ' app-chart__hour--odd' : ''}" x="${r1(x + slot / 2)}" y="${H - PAD.bottom + 16}" text-anchor="middle">${pad2(r.hour)}</text>`,
    );
  });
  // The running total stops at the current hour: the hours still to come have no demand yet, not none.
  const points = rows
    .filter((r) => r.hour <= nowHour)
    .map((r, i) => `${r1(PAD.left + (i + 1) * slot)},${r1(y(r.cumulative))}`);
  parts.push(`<polyline class="app-chart__running" points="${PAD.left},${r1(y(0))} ${points.join(' ')}"/>`);
  parts.push(
    `<line class="app-chart__safe" x1="${PAD.left}" x2="${W - PAD.right}" y1="${r1(y(safe))}" y2="${r1(y(safe))}"/>`,
  );
  parts.push(
    `<text class="app-chart__axis" x="${PAD.left + plotW / 2}" y="${H - 6}" text-anchor="middle">Hour of the day</text>`,
  );

  const desc =
    `${running} clinical ${running === 1 ? 'request' : 'requests'} so far today against a safe capacity of ${safe}.` +
    (reached ? ` Demand reached safe capacity between ${reached.label}.` : '');
  const svg =
    `<svg class="app-chart" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="chart-title chart-desc" focusable="false" xmlns="http://www.w3.org/2000/svg">` +
    `<title id="chart-title">Today's clinical demand against safe capacity, by hour</title><desc id="chart-desc">${desc}</desc>` +
    parts.join('') +
    '</svg>';
  return { svg, rows, total: running, safe, reachedAt: reached?.label ?? null };
}
