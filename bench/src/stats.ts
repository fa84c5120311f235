// Small, dependency-free statistics and the result shape every bench section returns.

/** One line of the table: a figure measured beside its anchor in the same run. */
export interface Figure {
  section: string;
  name: string;
  value: number;
  unit: string;
  anchor?: { name: string; value: number };
  /** value / anchor.value */
  ratio?: number;
  /** What the figure must reach, in words, and whether it did. */
  target?: { text: string; pass: boolean };
  note?: string;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function median(xs: number[]): number {
  return percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );
}

/** ops/s of `count` operations done in `ms`. */
export const rate = (count: number, ms: number): number => (ms > 0 ? (count * 1000) / ms : 0);

export function figure(f: Omit<Figure, 'ratio'>): Figure {
  const ratio = f.anchor && f.anchor.value > 0 ? f.value / f.anchor.value : undefined;
  return { ...f, ...(ratio !== undefined ? { ratio } : {}) };
}

const fmt = (n: number | undefined, unit = ''): string => {
  if (n === undefined || Number.isNaN(n)) return '—';
  const s = Math.abs(n) >= 100 ? Math.round(n).toLocaleString('en-GB') : n.toFixed(n >= 10 ? 1 : 2);
  return unit ? `${s} ${unit}` : s;
};

/** A plain-text (and Markdown) table: figure | value | anchor | ratio | target | result. */
export function table(figures: Figure[]): string {
  const rows = figures.map((f) => [
    f.section,
    f.name,
    fmt(f.value, f.unit),
    f.anchor ? `${f.anchor.name}: ${fmt(f.anchor.value, f.unit)}` : '—',
    f.ratio !== undefined ? `${f.ratio.toFixed(2)}×` : '—',
    f.target?.text ?? '—',
    f.target ? (f.target.pass ? 'pass' : 'MISS') : '',
  ]);
  const head = ['section', 'figure', 'value', 'anchor', 'ratio', 'target', 'result'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}
