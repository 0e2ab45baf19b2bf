// Diacritic folding for search: "Điện Biên", "Đien Bien" and "dien bien" all fold to "dien bien".
// Used for the FTS column, the place keys and every query, so both sides fold the same way.

/** Lowercase, strip combining marks, đ→d, collapse whitespace. */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Folded key for a place name, or null (a missing place has no key). */
export function placeKey(name: string | null | undefined): string | null {
  return name ? fold(name) : null;
}
