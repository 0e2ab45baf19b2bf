import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PATTERNS_DIR } from '../src/patterns/dir.ts';
import { extractFigures } from '../src/extract/document.ts';
import { PlacesSchema, loadPlaces, currentOf, findProvince, findDistricts, placeKey, provinceOfHost } from '../src/patterns/places.ts';

const SHARED_DIR = process.env.SOLIEU_SHARED ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../shared');

// The merger of 1 July 2025 as listed in shared/DOMAIN.md ("Places"): current <- former.
const MERGED: Record<string, string[]> = {
  'Tuyên Quang': ['Hà Giang'],
  'Lào Cai': ['Yên Bái'],
  'Thái Nguyên': ['Bắc Kạn'],
  'Phú Thọ': ['Vĩnh Phúc', 'Hòa Bình'],
  'Bắc Ninh': ['Bắc Giang'],
  'Hưng Yên': ['Thái Bình'],
  'Hải Phòng': ['Hải Dương'],
  'Ninh Bình': ['Hà Nam', 'Nam Định'],
  'Quảng Trị': ['Quảng Bình'],
  'Đà Nẵng': ['Quảng Nam'],
  'Quảng Ngãi': ['Kon Tum'],
  'Gia Lai': ['Bình Định'],
  'Khánh Hòa': ['Ninh Thuận'],
  'Lâm Đồng': ['Đắk Nông', 'Bình Thuận'],
  'Đắk Lắk': ['Phú Yên'],
  'Hồ Chí Minh': ['Bình Dương', 'Bà Rịa - Vũng Tàu'],
  'Đồng Nai': ['Bình Phước'],
  'Tây Ninh': ['Long An'],
  'Cần Thơ': ['Sóc Trăng', 'Hậu Giang'],
  'Vĩnh Long': ['Bến Tre', 'Trà Vinh'],
  'Đồng Tháp': ['Tiền Giang'],
  'Cà Mau': ['Bạc Liêu'],
  'An Giang': ['Kiên Giang'],
};
const UNCHANGED = ['Hà Nội', 'Huế', 'Lai Châu', 'Điện Biên', 'Sơn La', 'Lạng Sơn', 'Quảng Ninh', 'Thanh Hóa', 'Nghệ An', 'Hà Tĩnh', 'Cao Bằng'];
const CURRENT = [...Object.keys(MERGED), ...UNCHANGED];

/** Parses "Merged provinces (current <- former): A <- B; C <- D, E. Unchanged: F, G." from DOMAIN.md. */
function domainMerger(md: string): { merged: Record<string, string[]>; unchanged: string[] } | null {
  const flat = md.replace(/\s+/g, ' ');
  const m = /Merged provinces \(current <- former\): (.*?)\. Unchanged: (.*?)\./.exec(flat);
  if (!m) return null;
  const merged: Record<string, string[]> = {};
  for (const part of m[1].split(';')) {
    const [cur, formers] = part.split('<-').map((s) => s.trim());
    merged[cur] = formers.split(',').map((s) => s.trim());
  }
  return { merged, unchanged: m[2].split(',').map((s) => s.trim()) };
}

describe('patterns/places.json', () => {
  const raw = JSON.parse(readFileSync(join(PATTERNS_DIR, 'places.json'), 'utf8'));
  const places = loadPlaces();

  it('validates against the schema', () => {
    const r = PlacesSchema.safeParse(raw);
    expect(r.success, r.success ? '' : JSON.stringify(r.error.issues.slice(0, 3))).toBe(true);
  });

  it('lists exactly 63 former units, names unique', () => {
    expect(places.provinces).toHaveLength(63);
    expect(new Set(places.provinces.map((p) => p.name)).size).toBe(63);
    expect(new Set(places.provinces.map((p) => placeKey(p.name))).size).toBe(63);
  });

  it('has 34 current units, equal to the list in DOMAIN.md', () => {
    const currents = new Set(places.provinces.map((p) => p.current));
    expect(currents.size).toBe(34);
    expect([...currents].sort()).toEqual([...CURRENT].sort());
  });

  it('maps every former unit to its current one as in DOMAIN.md', () => {
    const expected = new Map<string, string>();
    for (const [cur, formers] of Object.entries(MERGED)) for (const f of formers) expected.set(f, cur);
    for (const c of CURRENT) expected.set(c, c);
    expect(expected.size).toBe(63);
    for (const p of places.provinces) expect([p.name, p.current]).toEqual([p.name, expected.get(p.name)]);
  });

  it('agrees with shared/DOMAIN.md itself when it is present', () => {
    const path = join(SHARED_DIR, 'DOMAIN.md');
    if (!existsSync(path)) return;
    const d = domainMerger(readFileSync(path, 'utf8'));
    expect(d).not.toBeNull();
    expect(d!.merged).toEqual(MERGED);
    expect(d!.unchanged.sort()).toEqual([...UNCHANGED].sort());
  });

  it('every current unit is itself a unit whose current is itself', () => {
    for (const c of new Set(places.provinces.map((p) => p.current))) {
      const p = places.provinces.find((x) => x.name === c);
      expect(p, c).toBeDefined();
      expect(p!.current).toBe(c);
    }
  });

  it('names and aliases are NFC and resolve to one province only', () => {
    const seen = new Map<string, string>();
    for (const p of places.provinces) {
      for (const n of [p.name, ...p.aliases]) {
        expect(n).toBe(n.normalize('NFC'));
        const k = placeKey(n);
        expect(seen.get(k) ?? p.name, n).toBe(p.name);
        seen.set(k, p.name);
      }
    }
  });

  it('district (name, kind) pairs are unique within a province; names do not repeat except across kinds', () => {
    for (const p of places.provinces) {
      const pairs = p.districts.map((d) => `${d.kind}|${placeKey(d.name)}`);
      expect(new Set(pairs).size, p.name).toBe(pairs.length);
      for (const d of p.districts) {
        const same = p.districts.filter((x) => placeKey(x.name) === placeKey(d.name));
        expect(new Set(same.map((x) => x.kind)).size, `${p.name}/${d.name}`).toBe(same.length);
      }
    }
  });

  it('has the required districts (Điện Biên in full, Sốp Cộp, Chợ Đồn, names shared with the province)', () => {
    const db = findProvince('Điện Biên')!;
    expect(db.districts.map((d) => `${d.kind} ${d.name}`).sort()).toEqual(
      [
        'thành phố Điện Biên Phủ',
        'thị xã Mường Lay',
        'huyện Điện Biên',
        'huyện Điện Biên Đông',
        'huyện Mường Ảng',
        'huyện Mường Chà',
        'huyện Mường Nhé',
        'huyện Nậm Pồ',
        'huyện Tủa Chùa',
        'huyện Tuần Giáo',
      ].sort(),
    );
    expect(findDistricts('Sốp Cộp').map((r) => r.province.name)).toEqual(['Sơn La']);
    expect(findDistricts('Chợ Đồn', 'Bắc Kạn')).toHaveLength(1);
    expect(findDistricts('Bắc Kạn', 'Bắc Kạn')[0].district.kind).toBe('thành phố');
    expect(findDistricts('Lào Cai', 'Lào Cai')[0].district.kind).toBe('thành phố');
    for (const name of ['Lai Châu', 'Lào Cai', 'Yên Bái', 'Hà Giang', 'Cao Bằng', 'Lạng Sơn', 'Tuyên Quang', 'Hòa Bình', 'Thanh Hóa', 'Nghệ An', 'Kon Tum', 'Gia Lai', 'Đắk Lắk', 'Đắk Nông', 'Quảng Nam', 'Quảng Ngãi', 'Sóc Trăng', 'Trà Vinh', 'Sơn La', 'Bắc Kạn'])
      expect(findProvince(name)!.districts.length, name).toBeGreaterThan(4);
  });

  it('currentOf resolves names, aliases and tone-placement variants', () => {
    expect(currentOf('Bắc Kạn')).toBe('Thái Nguyên');
    expect(currentOf('Bắc Cạn')).toBe('Thái Nguyên');
    expect(currentOf('Hà Giang')).toBe('Tuyên Quang');
    expect(currentOf('Quảng Nam')).toBe('Đà Nẵng');
    expect(currentOf('Bình Dương')).toBe('Hồ Chí Minh');
    expect(currentOf('TP.HCM')).toBe('Hồ Chí Minh');
    expect(currentOf('Bà Rịa-Vũng Tàu')).toBe('Hồ Chí Minh');
    expect(currentOf('BR-VT')).toBe('Hồ Chí Minh');
    expect(currentOf('Thừa Thiên Huế')).toBe('Huế');
    expect(currentOf('Hoà Bình')).toBe('Phú Thọ');
    expect(currentOf('Thanh Hoá')).toBe('Thanh Hóa');
    expect(currentOf('Hòa Bình'.normalize('NFD'))).toBe('Phú Thọ');
    expect(currentOf('Điện Biên')).toBe('Điện Biên');
    expect(currentOf('Atlantis')).toBeNull();
  });

  it('abbreviations point into the gazetteer', () => {
    const dbp = places.abbreviations.find((a) => a.text === 'ĐBP');
    expect(dbp).toMatchObject({ province: 'Điện Biên', district: 'Điện Biên Phủ' });
    for (const a of places.abbreviations) {
      expect(findProvince(a.province), a.text).not.toBeNull();
      if (a.district) expect(findDistricts(a.district, a.province), a.text).toHaveLength(1);
    }
  });

  it('has 12-20 examples covering the required cases', () => {
    const ex = places.examples;
    expect(ex.length).toBeGreaterThanOrEqual(12);
    expect(ex.length).toBeLessThanOrEqual(20);
    const texts = ex.map((e) => e.text);
    const has = (re: RegExp) => texts.some((t) => re.test(t));
    expect(has(/tỉnh [A-ZĐ]/)).toBe(true);
    expect(has(/[Hh]uyện /)).toBe(true);
    expect(has(/[Tt]hị xã /)).toBe(true);
    expect(has(/[Tt]hành phố /)).toBe(true);
    expect(has(/ĐBP/)).toBe(true);
    expect(has(/Hoà Bình/)).toBe(true);
    const locs = ex.flatMap((e) => e.figures.map((f) => f.location));
    for (const [prov, cur] of [['Hà Giang', 'Tuyên Quang'], ['Quảng Nam', 'Đà Nẵng'], ['Bình Dương', 'Hồ Chí Minh']])
      expect(locs.some((l) => l.province === prov && l.current === cur), prov).toBe(true);
    expect(locs.some((l) => l.province === 'Điện Biên' && l.district === 'Điện Biên')).toBe(true);
  });

  it("every example's expected location is consistent with the gazetteer", () => {
    for (const e of places.examples) {
      for (const f of e.figures) {
        const where = `${e.text} / ${f.text}`;
        expect(e.text.includes(f.text), where).toBe(true);
        const loc = f.location;
        expect(loc.province, where).toBe(loc.province.normalize('NFC'));
        const p = findProvince(loc.province);
        expect(p, where).not.toBeNull();
        expect(loc.current, where).toBe(p!.current);
        // Province as written: either it occurs in the sentence, or it is the gazetteer's name (inferred from the district).
        expect(e.text.includes(loc.province) || loc.province === p!.name, where).toBe(true);
        if (loc.district !== null) expect(findDistricts(loc.district, loc.province), where).toHaveLength(1);
      }
    }
  });
});

describe('places with names shared across provinces and with common words', () => {
  const locationOf = (text: string, figure: string) => {
    const f = extractFigures({ format: 'txt', title: null, published: null, text, blocks: [] }).figures.find((x) => x.text === figure);
    expect(f, figure).toBeDefined();
    return f!.location;
  };

  it('reads the province named right after a district', () => {
    expect(locationOf('Huyện Châu Thành, tỉnh Trà Vinh giải ngân 12.500 triệu đồng.', '12.500 triệu đồng')).toEqual({ province: 'Trà Vinh', district: 'Châu Thành', current: 'Vĩnh Long' });
    expect(locationOf('Huyện Sơn Tây (Quảng Ngãi) giải ngân 3.200 triệu đồng.', '3.200 triệu đồng')?.district).toBe('Sơn Tây');
    expect(locationOf('Huyện Sơn Tây (Quảng Ngãi) giải ngân 3.200 triệu đồng.', '3.200 triệu đồng')?.province).toBe('Quảng Ngãi');
  });

  it('takes the rank word as a hint: thị xã Hoàng Mai is in Nghệ An', () => {
    expect(locationOf('Thị xã Hoàng Mai giải ngân 4.100 triệu đồng.', '4.100 triệu đồng')?.province).toBe('Nghệ An');
  });

  it('does not read lower-case words as a bare place name', () => {
    const text = 'BÁO CÁO\nKết quả thực hiện chính sách tam nông tại tỉnh Đồng Tháp\nTỉnh hỗ trợ năm căn nhà, tổng kinh phí 200 triệu đồng, thống nhất bố trí 50 triệu đồng/căn.';
    expect(locationOf(text, '200 triệu đồng')).toEqual({ province: 'Đồng Tháp', district: null, current: 'Đồng Tháp' });
    expect(locationOf(text, '50 triệu đồng/căn')?.district).toBeNull();
  });
});

describe("a site's province from its address", () => {
  it('reads the province a portal or paper is named for', () => {
    expect(provinceOfHost('kontum.gov.vn')?.name).toBe('Kon Tum');
    expect(provinceOfHost('sldtbxh.quangnam.gov.vn')?.name).toBe('Quảng Nam');
    expect(provinceOfHost('baolangson.vn')?.name).toBe('Lạng Sơn');
    expect(provinceOfHost('baosonla.org.vn')?.name).toBe('Sơn La');
    expect(provinceOfHost('kontumtv.vn')?.name).toBe('Kon Tum');
  });
  it('names no province for national sites, short names inside words, or two provinces', () => {
    for (const host of ['vnexpress.net', 'vietnamnet.vn', 'baodantoc.vn', 'nhandan.vn', 'thuexe.vn', 'hue-travel.com', 'kontum.laocai.vn']) expect(provinceOfHost(host), host).toBeNull();
    // The long name wins over the short one it holds.
    expect(findProvince(provinceOfHost('baothuathienhue.vn')!.name)?.current).toBe(currentOf('Thừa Thiên Huế'));
  });
  const doc = (text: string, host: string | null) => extractFigures({ format: 'txt', title: null, published: null, text, blocks: [], host }).figures[0];
  it("places figures of a text that names no place on the site's province, and says so", () => {
    const f = doc('Kết quả giải ngân vốn Chương trình đạt 120 tỷ đồng.', 'sldtbxh.quangnam.gov.vn');
    expect(f.location).toEqual({ province: 'Quảng Nam', district: null, current: 'Đà Nẵng' });
    expect(f.why?.location).toContain("site's province");
  });
  it('keeps the place the text names, and places nothing from a national host', () => {
    expect(doc('Huyện Mường Nhé, tỉnh Điện Biên đã giải ngân 120 tỷ đồng.', 'sldtbxh.quangnam.gov.vn').location?.province).toBe('Điện Biên');
    expect(doc('Kết quả giải ngân vốn Chương trình đạt 120 tỷ đồng.', 'vnexpress.net').location).toBeNull();
    expect(doc('Kết quả giải ngân vốn Chương trình đạt 120 tỷ đồng.', null).location).toBeNull();
  });
});
