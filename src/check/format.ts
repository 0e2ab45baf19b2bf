// Values as Vietnamese readers write them: "275.332 triệu đồng", "1.876,7 tỷ đồng", "16,61%".
const vi = (n: number, digits: number) => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: digits }).format(n);

export function formatValue(value: number, unit: string): string {
  if (unit === 'VND') {
    const a = Math.abs(value);
    if (a >= 1e9) return `${vi(value / 1e9, 3)} tỷ đồng`;
    if (a >= 1e6) return `${vi(value / 1e6, 3)} triệu đồng`;
    return `${vi(value, 0)} đồng`;
  }
  if (unit === '%') return `${vi(value, 2)}%`;
  return `${vi(value, 2)} ${unit}`;
}
