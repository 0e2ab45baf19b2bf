// Legacy Vietnamese 8-bit encodings: Windows-1258, TCVN3 (ABC, the .Vn fonts) and VNI-Windows.
// Bytes that are not UTF-8 are decoded with each, and the reading that yields the most common
// Vietnamese words wins; if none reads as Vietnamese the caller refuses the file.
import iconv from 'iconv-lite';

export type LegacyEncoding = 'windows-1258' | 'tcvn3' | 'vni';

/** VNI writes a base letter followed by a mark byte (seen through Windows-1252) or a whole letter. */
const VNI_MARKS: Record<string, string> = {
  'ù': '\u0301', 'ø': '\u0300', 'û': '\u0309', 'õ': '\u0303', 'ï': '\u0323',
  'â': '\u0302', 'á': '\u0302\u0301', 'à': '\u0302\u0300', 'å': '\u0302\u0309', 'ã': '\u0302\u0303', 'ä': '\u0302\u0323',
  'ê': '\u0306', 'é': '\u0306\u0301', 'è': '\u0306\u0300', 'ú': '\u0306\u0309', 'ü': '\u0306\u0303', 'ë': '\u0306\u0323',
  'Ù': '\u0301', 'Ø': '\u0300', 'Û': '\u0309', 'Õ': '\u0303', 'Ï': '\u0323',
  'Â': '\u0302', 'Á': '\u0302\u0301', 'À': '\u0302\u0300', 'Å': '\u0302\u0309', 'Ã': '\u0302\u0303', 'Ä': '\u0302\u0323',
  'Ê': '\u0306', 'É': '\u0306\u0301', 'È': '\u0306\u0300', 'Ú': '\u0306\u0309', 'Ü': '\u0306\u0303', 'Ë': '\u0306\u0323',
};
const VNI_LETTERS: Record<string, string> = {
  'ô': 'ơ', 'ö': 'ư', 'ñ': 'đ', 'í': 'í', 'ì': 'ì', 'æ': 'ỉ', 'ó': 'ĩ', 'ò': 'ị',
  'Ô': 'Ơ', 'Ö': 'Ư', 'Ñ': 'Đ', 'Í': 'Í', 'Ì': 'Ì', 'Æ': 'Ỉ', 'Ó': 'Ĩ', 'Ò': 'Ị',
};

const LETTER = /^\p{L}$/u;

export function decodeVni(bytes: Uint8Array): string {
  const glyphs = iconv.decode(Buffer.from(bytes), 'windows-1252');
  // A mark byte is a mark only after a letter: the last character written is kept at hand (testing
  // the growing output with /\p{L}$/ rescans it every time, quadratic on a long file).
  const out: string[] = [];
  let afterLetter = false;
  for (const ch of glyphs) {
    const mark = VNI_MARKS[ch];
    if (mark !== undefined && afterLetter) {
      out.push(mark);
      afterLetter = false;
      continue;
    }
    const letter = VNI_LETTERS[ch] ?? ch;
    out.push(letter);
    afterLetter = LETTER.test(letter);
  }
  return out.join('').normalize('NFC');
}

/** Unicode -> VNI bytes (used to make fixtures; the inverse of decodeVni for Vietnamese text). */
export function encodeVni(text: string): Buffer {
  const letterOf = new Map(Object.entries(VNI_LETTERS).map(([vni, uni]) => [uni, vni]));
  // Compare mark sequences in canonical order (NFD puts the dot below before the circumflex).
  const canon = (marks: string) => ('a' + marks).normalize('NFD');
  const markOf = (marks: string, upper: boolean) =>
    Object.keys(VNI_MARKS).find((k) => canon(VNI_MARKS[k]) === canon(marks) && (k === k.toUpperCase()) === upper);
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const direct = letterOf.get(ch);
    if (direct) {
      out += direct;
      continue;
    }
    const [base, ...rest] = ch.normalize('NFD');
    let marks = rest.join('');
    if (marks === '' || !/[a-z]/i.test(base)) {
      out += ch;
      continue;
    }
    const upper = base === base.toUpperCase();
    let letter = base;
    if (marks.startsWith('\u031b')) {
      letter = letterOf.get((base + '\u031b').normalize('NFC'))!;
      marks = marks.slice(1);
    } else if (/^[iI]/.test(base)) {
      letter = letterOf.get(ch) ?? base;
      if (letter !== base) marks = '';
    }
    const mark = marks ? markOf(marks, upper) : '';
    if (mark === undefined) throw new Error(`encodeVni: no VNI form for "${ch}"`);
    out += letter + mark;
  }
  return iconv.encode(out, 'windows-1252');
}

const DECODERS: Record<LegacyEncoding, (bytes: Uint8Array) => string> = {
  'windows-1258': (b) => iconv.decode(Buffer.from(b), 'windows-1258').normalize('NFC'),
  tcvn3: (b) => iconv.decode(Buffer.from(b), 'tcvn').normalize('NFC'),
  vni: decodeVni,
};

/** Decodes bytes known to be in `encoding`. */
export function decodeAs(bytes: Uint8Array, encoding: LegacyEncoding): string {
  return DECODERS[encoding](bytes);
}

/** Frequent words of report prose that carry diacritics, so they only appear in a right reading. */
const COMMON_WORDS = new Set(
  ('của được các năm đồng trong những người với cho đã có là tỉnh huyện xã thực hiện dự án vốn hộ ' +
    'nghèo triệu tỷ kế hoạch công trình đầu tư giải ngân phát triển một này theo về đến từ không số ' +
    'tại trên đạt chương nông thôn mới dân tộc kinh tế hội bền vững giảm quốc mục tiêu nhân ủy báo ' +
    'cáo tình hình kết quả việc đề nghị định tổng nguồn hỗ trợ sản xuất giáo dục y học sinh')
    .split(' ')
    .filter((w) => /[^a-z]/.test(w)),
);

/** How Vietnamese a reading looks: common words found, minus words holding non-Vietnamese letters. */
export function vietnameseScore(text: string): number {
  let score = 0;
  for (const word of text.toLowerCase().match(/[^\s\d.,;:!?()"'\-–/%[\]]+/g) ?? []) {
    if (COMMON_WORDS.has(word)) score += 1;
    else if (/[^a-zàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/.test(word)) score -= 1;
  }
  return score;
}

export interface LegacyReading {
  encoding: LegacyEncoding;
  text: string;
}

/** The best legacy reading of non-UTF-8 bytes, or null when none reads as Vietnamese. */
export function decodeLegacy(bytes: Uint8Array): LegacyReading | null {
  const readings = (Object.keys(DECODERS) as LegacyEncoding[]).map((encoding) => {
    const text = DECODERS[encoding](bytes);
    return { encoding, text, score: vietnameseScore(text) };
  });
  readings.sort((a, b) => b.score - a.score);
  const [best, next] = readings;
  if (best.score < 2 || best.score === next.score) return null;
  return { encoding: best.encoding, text: best.text };
}
