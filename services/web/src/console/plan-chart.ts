import type { PlannedDay } from '@sluice/practice-admin';
import { scale } from './chart';

export interface PlanChartRow {
  label: string;
  expected: number;
  /** Expected clinical contacts used by the end of the hour. */
  used: number;
}

const W = 640;
const H = 280;
const PAD = { left: 44, right: 16, top: 16, bottom: 40 };
const pad2 = (n: number) => String(n).padStart(2, '0');
const r1 = (v: number) => Math.round(v * 10) / 10;

/**
 * A forecast day's expected requests by hour against its safe capacity, drawn on the server like
 * Today's chart: bars are expected arrivals (the first is what arrives before the practice opens),
 * the line is expected clinical contacts used, the dashed line is safe capacity. Numbers only.
 */
export function planChart(day: PlannedDay): { svg: string; rows: PlanChartRow[] } | null {
  if (day.hours === null || day.beforeOpen === null || day.levels === null) return null;
  const used = day.levels.usedByHour;
  const rows: PlanChartRow[] = [
    { label: 'Before 08:00', expected: day.beforeOpen, used: 0 },
    ...day.hours.map((h, i) => {
      const start = day.hourStarts[i]!;
      return {
        label: `${pad2(start)}:00 to ${start === 18 ? '18:30' : `${pad2(start + 1)}:00`}`,
        expected: h,
        used: used[i] ?? 0,
      };
    }),
  ];
  const safe = day.capacity.routine + day.capacity.urgent;
  const { top, step } = scale(Math.max(safe, ...rows.map((r) => r.used), ...rows.map((r) => r.expected)));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / rows.length;
  const y = (v: number) => PAD.top + plotH - (v / top) * plotH;
  const parts: string[] = [];
  for (let v = 0; v <= top; v += step) {
    parts.push(
      `<line class="app-chart__grid" x1="${PAD.left}" x2="${W - PAD.right}" y1="${r1(y(v))}" y2="${r1(y(v))}"/>`,
    );
    parts.push(`<text class="app-chart__tick" x="${PAD.left - 6}" y="${r1(y(v) + 4)}" text-anchor="end">${v}</text>`);
  }
  rows.forEach((r, i) => {
    const x = PAD.left + i * slot;
    if (r.expected > 0)
      parts.push(
        `<rect class="app-chart__bar" x="${r1(x + slot * 0.15)}" y="${r1(y(r.expected))}" width="${r1(slot * 0.7)}" height="${r1(y(0) - y(r.expected))}"/>`,
      );
    parts.push(
      `<text class="app-chart__tick" x="${r1(x + slot / 2)}" y="${H - PAD.bottom + 16}" text-anchor="middle">${i === 0 ? '&lt;08' : pad2(day.hourStarts[i - 1]!)}</text>`,
    );
  });
  const points = rows.slice(1).map((r, i) => `${r1(PAD.left + (i + 2) * slot)},${r1(y(r.used))}`);
  parts.push(`<polyline class="app-chart__running" points="${r1(PAD.left + slot)},${r1(y(0))} ${points.join(' ')}"/>`);
  parts.push(
    `<line class="app-chart__safe" x1="${PAD.left}" x2="${W - PAD.right}" y1="${r1(y(safe))}" y2="${r1(y(safe))}"/>`,
  );
  parts.push(
    `<text class="app-chart__axis" x="${PAD.left + plotW / 2}" y="${H - 6}" text-anchor="middle">Hour of the day</text>`,
  );
  const red = day.levels.reach.RED;
  const desc =
    `About ${Math.round(day.expected ?? 0)} requests expected against a safe clinical capacity of ${safe}.` +
    (red
      ? ` Routine capacity is expected to run out at about ${red}.`
      : ' Routine capacity is not expected to run out.');
  const svg =
    `<svg class="app-chart" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="plan-chart-title plan-chart-desc" focusable="false" xmlns="http://www.w3.org/2000/svg">` +
    `<title id="plan-chart-title">Expected demand against safe capacity, by hour</title><desc id="plan-chart-desc">${desc}</desc>` +
    parts.join('') +
    '</svg>';
  return { svg, rows: rows.map((r) => ({ ...r, expected: r1(r.expected), used: r1(r.used) })) };
}
