/**
 * The metric names a PromQL expression (or a Grafana variable query) reads. Small on purpose: it
 * drops strings, label matchers, ranges, grouping clauses and Grafana variables, then keeps the
 * identifiers that are not a function call or a keyword. Tested in promql.test.ts.
 */
const KEYWORDS = new Set([
  'and',
  'or',
  'unless',
  'bool',
  'offset',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'inf',
  'nan',
  'Inf',
  'NaN',
  'atan2',
]);

export function metricNames(expr: string): string[] {
  let s = expr;
  // Grafana's label_values(metric, label) and label_values(label): only the metric counts.
  s = s
    .replace(/label_values\(\s*([^,()]+?)\s*,\s*[a-zA-Z_]\w*\s*\)/g, '$1')
    .replace(/label_values\(\s*[a-zA-Z_]\w*\s*\)/g, '');
  s = s.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""');
  s = s.replace(/\$\{[^}]*\}|\$\w+/g, ' ');
  s = s.replace(/\{[^}]*\}/g, ' ');
  s = s.replace(/\[[^\]]*\]/g, ' ');
  s = s.replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names = new Set<string>();
  for (const m of s.matchAll(/(?<![\w.:])([a-zA-Z_:][a-zA-Z0-9_:]*)(\s*\()?/g)) {
    if (m[2] || KEYWORDS.has(m[1]!)) continue;
    names.add(m[1]!);
  }
  return [...names];
}

/** Metric families in a /metrics exposition, from its `# TYPE` lines. */
export function exportedFamilies(exposition: string): Map<string, string> {
  return new Map([...exposition.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => [m[1]!, m[2]!]));
}

/** Names a query may use for a family: a histogram's series are name_bucket, name_sum and name_count. */
export function queryableNames(families: Map<string, string>): Set<string> {
  const names = new Set<string>();
  for (const [name, type] of families) {
    names.add(name);
    if (type === 'histogram' || type === 'summary')
      for (const suffix of ['_bucket', '_sum', '_count']) names.add(`${name}${suffix}`);
  }
  return names;
}
