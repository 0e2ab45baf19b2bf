// A string function's results kept for the strings that recur (place names, programme names, query
// words), in a map cleared when it reaches its bound: memory stays flat on any input.
export function memoized(fn: (s: string) => string, max: number): (s: string) => string {
  const kept = new Map<string, string>();
  return (s) => {
    let v = kept.get(s);
    if (v === undefined) {
      if (kept.size >= max) kept.clear();
      kept.set(s, (v = fn(s)));
    }
    return v;
  };
}
