// Says where a figure stood in the original file, for the readable output ("tr. 2, bảng 1 dòng 3 cột 2").
import type { Locator } from '../contract/schema.ts';

export function describeLocator(loc: Locator | null | undefined): string {
  if (!loc) return '';
  const parts: string[] = [];
  if (loc.page !== undefined) parts.push(`tr. ${loc.page}`);
  if (loc.footnote !== undefined) parts.push(`chú thích ${loc.footnote}`);
  if (loc.table !== undefined) parts.push(`bảng ${loc.table} dòng ${loc.row} cột ${loc.col}`);
  else if (loc.paragraph !== undefined && loc.footnote === undefined) parts.push(`đoạn ${loc.paragraph}`);
  if (loc.path) parts.push(loc.path);
  return parts.join(', ');
}
