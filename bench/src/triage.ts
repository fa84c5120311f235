// Figure 5: the red-flag screen's time per request, for 200- and 4,000-character descriptions
// (4,000 is intake's limit), beside the target p99 <= 2 ms at 4,000 characters. Texts are built from
// the development phrases (emergency and routine mixed) and from an adversarial text dense with rule
// words, negations and invisible characters. Pure CPU: no infrastructure. Run alone with
// `pnpm exec tsx bench/src/triage.ts`.
import { loadAllPhrases } from '@sluice/triage/phrase-set';
import { screen } from '@sluice/triage';
import { figure, percentile, type Figure } from './stats';

function textOf(pieces: readonly string[], length: number, offset: number): string {
  let s = '';
  for (let i = offset; s.length < length; i++) s += `${pieces[i % pieces.length]!}. `;
  return s.slice(0, length);
}

function timings(texts: readonly string[], rounds: number): number[] {
  const ms: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const description of texts) {
      const t0 = process.hrtime.bigint();
      screen({ description });
      ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  }
  return ms.sort((a, b) => a - b);
}

export function benchTriage(): { figures: Figure[]; detail: Record<string, unknown> } {
  const { emergency, routine } = loadAllPhrases();
  const phrases = [...emergency, ...routine].map((p) => p.text);
  const adversarial = [
    'no not never chest pian',
    'cant brea\u00ADthe',
    'suicidal \u200B\u2060',
    'baby floppy glass rash',
    '38.5 temp 40',
    'had a stroke in 2019 but',
  ];
  const figures: Figure[] = [];
  const detail: Record<string, unknown> = {};
  for (const [name, pieces] of [
    ['phrases', phrases],
    ['adversarial', adversarial],
  ] as const) {
    for (const length of [200, 4000]) {
      const texts = Array.from({ length: 200 }, (_, i) => textOf(pieces, length, i * 7));
      timings(texts, 2); // warm-up: JIT and the stem cache
      const ms = timings(texts, 5);
      const p50 = percentile(ms, 50);
      const p99 = percentile(ms, 99);
      detail[`${name}-${length}`] = { n: ms.length, p50, p99, max: ms[ms.length - 1] };
      figures.push(
        figure({ section: 'triage', name: `screen p50, ${length} chars (${name})`, value: p50, unit: 'ms' }),
      );
      figures.push(
        figure({
          section: 'triage',
          name: `screen p99, ${length} chars (${name})`,
          value: p99,
          unit: 'ms',
          ...(length === 4000 ? { target: { text: 'p99 <= 2 ms', pass: p99 <= 2 } } : {}),
        }),
      );
    }
  }
  return { figures, detail };
}

if (require.main === module) {
  const { figures } = benchTriage();
  for (const f of figures)
    console.log(
      `${f.name}: ${f.value.toFixed(3)} ${f.unit}${f.target ? `  (target ${f.target.text}: ${f.target.pass ? 'pass' : 'MISS'})` : ''}`,
    );
}
