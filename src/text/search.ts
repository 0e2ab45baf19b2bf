// Binary search over items sorted by a numeric key (offsets): the one lookup every pass shares.

/** Number of items whose key is < pos (equivalently, the index of the first item with key >= pos). */
export function countBelow<T>(sorted: readonly T[], pos: number, key: (x: T) => number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(sorted[mid]) < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the last item whose key is <= pos, or -1. */
export function lastAtOrBefore<T>(sorted: readonly T[], pos: number, key: (x: T) => number): number {
  return countBelow(sorted, pos + 1, key) - 1;
}

/** The span [start, end) holding `pos`, among sorted non-overlapping spans; -1 if none. */
export function spanIndexAt<T extends { start: number; end: number }>(spans: readonly T[], pos: number): number {
  const i = lastAtOrBefore(spans, pos, (s) => s.start);
  return i >= 0 && pos < spans[i].end ? i : -1;
}
