// Small statistics for the end-to-end benchmark.

/** The q-quantile (0..1) of numbers, nearest rank. */
export function quantile(values, q) {
  const sorted = values.slice().sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export const median = (values) => quantile(values, 0.5);

/** Milliseconds covered by the union of [start, end] intervals, clipped to [from, to]. */
export function coveredMs(intervals, from, to) {
  const clipped = intervals
    .filter((i) => i.end !== undefined && i.end > from && i.start < to)
    .map((i) => [Math.max(i.start, from), Math.min(i.end, to)])
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let reach = -Infinity;
  for (const [s, e] of clipped) {
    if (e <= reach) continue;
    total += e - Math.max(s, reach);
    reach = e;
  }
  return total;
}

export const ms = (n) => (Number.isFinite(n) ? n.toFixed(1) : '—');
