import { describe, expect, it } from 'vitest';
import { auditDocument, checkAcrossDocuments, checkKey } from '../src/audit/index.ts';
import { checkComponents } from '../src/audit/components.ts';
import { checkRates } from '../src/audit/rate.ts';
import { checkSubprojects, subprojectsNamed } from '../src/audit/subprojects.ts';
import { writtenStep } from '../src/audit/precision.ts';
import { figures, tr } from './store-fixtures.ts';

describe('writtenStep', () => {
  it('reads the precision of the last written digit', () => {
    const [a, b, c, d] = figures('901.556 triệu đồng; 90.279,336 triệu đồng; 16,61%; 1 tỷ 200 triệu đồng', [
      { text: '901.556 triệu đồng', value: tr(901556) },
      { text: '90.279,336 triệu đồng', value: tr(90279.336) },
      { text: '16,61%', value: 16.61 },
      { text: '1 tỷ 200 triệu đồng', value: 1.2e9 },
    ]);
    expect([a, b, c, d].map(writtenStep)).toEqual([1e6, 1e3, 0.01, 1e6]);
  });
});

describe('components against totals', () => {
  const text =
    'Năm 2022 giải ngân 946.282 triệu đồng (trong đó: vốn NSTW là 901.556 triệu đồng (ĐTPT 783.445 triệu đồng, SN 118.111 triệu đồng), vốn NSĐP là 62.726 triệu đồng).';
  const specs = (total: number, totalText = '946.282 triệu đồng') => [
    { id: 't', text: totalText, value: tr(total), metric: 'disbursed' as const },
    { id: 'n', text: '901.556 triệu đồng', value: tr(901556), metric: 'disbursed' as const, fund: 'nstw' as const, partOf: 't' },
    { id: 'nd', text: '783.445 triệu đồng', value: tr(783445), fund: 'nstw' as const, capital: 'dtpt' as const, partOf: 'n' },
    { id: 'ns', text: '118.111 triệu đồng', value: tr(118111), fund: 'nstw' as const, capital: 'sn' as const, partOf: 'n' },
    { id: 'l', text: '62.726 triệu đồng', value: tr(62726), metric: 'disbursed' as const, fund: 'nsdp' as const, partOf: 't' },
  ];

  it('finds NSTW + NSĐP ≠ total and names all three figures', () => {
    const found = checkComponents(figures(text, specs(946282)));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ rule: 'components', expected: tr(946282), found: tr(964282) });
    expect(found[0].figures.map((r) => r.id).sort()).toEqual(['l', 'n', 't']);
    expect(found[0].message).toContain('18.000 triệu đồng');
  });

  it('accepts sums off by rounding of the written unit', () => {
    const t = text.replace('946.282', '964.283');
    expect(checkComponents(figures(t, specs(964283, '964.283 triệu đồng')))).toEqual([]);
  });

  it('still checks the fund split when capital parts are also linked to the total', () => {
    const s = specs(946282).map((f) => (f.id === 'nd' || f.id === 'ns' ? { ...f, partOf: 't' } : f));
    const found = checkComponents(figures(text, s));
    expect(found.map((f) => f.figures.map((r) => r.id).sort())).toEqual([['l', 'n', 't']]);
  });

  it('counts every other source, whatever verb introduced it', () => {
    const t = 'Tổng nguồn vốn năm 2023 là 1.284,6 tỷ đồng, gồm: vốn NSTW 412,35 tỷ đồng; vốn NSĐP 296,8 tỷ đồng; vốn lồng ghép 318 tỷ đồng; vốn tín dụng 190 tỷ đồng; nhân dân đóng góp 67,45 tỷ đồng.';
    const part = (text: string, value: number, fund: 'nstw' | 'nsdp' | 'other', metric: 'allocated' | 'mobilized') => ({ text, value: value * 1e9, fund, metric, partOf: 'T' });
    const specs = [
      { id: 'T', text: '1.284,6 tỷ đồng', value: 1284.6e9, metric: 'allocated' as const },
      part('412,35 tỷ đồng', 412.35, 'nstw', 'allocated'),
      part('296,8 tỷ đồng', 296.8, 'nsdp', 'allocated'),
      part('318 tỷ đồng', 318, 'other', 'mobilized'),
      part('190 tỷ đồng', 190, 'other', 'allocated'),
      part('67,45 tỷ đồng', 67.45, 'other', 'mobilized'),
    ];
    expect(checkComponents(figures(t, specs))).toEqual([]);
    const wrong = t.replace('1.284,6', '1.294,6');
    expect(checkComponents(figures(wrong, [{ ...specs[0], text: '1.294,6 tỷ đồng', value: 1294.6e9 }, ...specs.slice(1)]))).toHaveLength(1);
  });

  it('does not compare an incomplete split (NSTW only)', () => {
    const s = specs(946282).filter((f) => f.id !== 'l');
    expect(checkComponents(figures(text, s))).toEqual([]);
  });

  it('flags an open-ended breakdown only when it exceeds the total', () => {
    const t = 'Tổng vốn vay là 57.047 triệu đồng (năm 2021 là 4.210 triệu đồng; năm 2022 là 19.530 triệu đồng; năm 2023 là 29.317 triệu đồng; 6/2024 là 4.350 triệu đồng).';
    const parts = [
      { id: 'y1', text: '4.210 triệu đồng', value: tr(4210), year: 2021, partOf: 't' },
      { id: 'y2', text: '19.530 triệu đồng', value: tr(19530), year: 2022, partOf: 't' },
      { id: 'y3', text: '29.317 triệu đồng', value: tr(29317), year: 2023, partOf: 't' },
      { id: 'y4', text: '4.350 triệu đồng', value: tr(4350), year: 2024, partOf: 't' },
    ];
    const over = checkComponents(figures(t, [{ id: 't', text: '57.047 triệu đồng', value: tr(57047) }, ...parts]));
    expect(over).toHaveLength(1);
    expect(over[0].found).toBe(tr(57407));
    // Two of four years named: less than the total is no mismatch.
    expect(checkComponents(figures(t, [{ id: 't', text: '57.047 triệu đồng', value: tr(57047) }, parts[0], parts[1]]))).toEqual([]);
  });

  it('does not blame the source for parts linked to the wrong total', () => {
    const t = 'Vốn sự nghiệp là 194.950 triệu đồng (năm 2024: 74.859 triệu đồng); trong đó: vốn NSTW: 190.407 triệu đồng; vốn NSĐP: 4.543 triệu đồng.';
    const fs = figures(t, [
      { id: 'T', text: '194.950 triệu đồng', value: tr(194950) },
      { id: 'Y', text: '74.859 triệu đồng', value: tr(74859), year: 2024, partOf: 'T' },
      { id: 'N', text: '190.407 triệu đồng', value: tr(190407), fund: 'nstw', partOf: 'Y' },
      { id: 'L', text: '4.543 triệu đồng', value: tr(4543), fund: 'nsdp', partOf: 'Y' },
    ]);
    expect(checkComponents(fs)).toEqual([]);
  });

  it('does not add up counts that describe the same things several ways', () => {
    const t = 'Có 51 xã đạt chuẩn. Trong đó, có 23/115 xã đạt chuẩn, 28 xã cơ bản đạt chuẩn, tăng 13 xã.';
    const fs = figures(t, [
      { id: 'T', text: '51 xã', value: 51 },
      { id: 'a', text: '23/115 xã', value: 23, of: 115, partOf: 'T' },
      { id: 'b', text: '28 xã', value: 28, partOf: 'T' },
      { id: 'c', text: '13 xã', value: 13, partOf: 'T' },
    ]);
    expect(checkComponents(fs)).toEqual([]);
  });

  it('checks a capital split of a fund total (footnote breakdown)', () => {
    const t = 'Vốn NSĐP là 294.412 triệu đồng. Trong đó: vốn đầu tư phát triển là 186.336 triệu đồng, vốn sự nghiệp là 108.046 triệu đồng.';
    const found = checkComponents(
      figures(t, [
        { id: 't', text: '294.412 triệu đồng', value: tr(294412), fund: 'nsdp' },
        { id: 'a', text: '186.336 triệu đồng', value: tr(186336), capital: 'dtpt', partOf: 't' },
        { id: 'b', text: '108.046 triệu đồng', value: tr(108046), fund: 'nsdp', capital: 'sn', partOf: 't' },
      ]),
    );
    expect(found.map((f) => [f.expected, f.found])).toEqual([[tr(294412), tr(294382)]]);
  });
});

describe('rates against amount and base', () => {
  const kd =
    'Tổng nguồn vốn được phép kéo dài là 462.239 triệu đồng, (trong đó, vốn ĐTPT là 225.769 triệu đồng, vốn SN là 236.470 triệu đồng). ' +
    'Giải ngân vốn kéo dài tính đến 30/6/2024 là 214.356 triệu đồng, (trong đó, vốn ĐTPT là 182.655 triệu đồng, đạt 71,4%; vốn SN là 31.701 triệu đồng, đạt 13,4%).';
  const kdFigures = (dtptRate: string, dtptValue: number) =>
    figures(kd.replace('71,4%', dtptRate), [
      { id: 'K', text: '462.239 triệu đồng', value: tr(462239), metric: 'carried_over', year: 2023 },
      { id: 'Kd', text: '225.769 triệu đồng', value: tr(225769), metric: 'carried_over', capital: 'dtpt', partOf: 'K', year: 2023 },
      { id: 'Ks', text: '236.470 triệu đồng', value: tr(236470), metric: 'carried_over', capital: 'sn', partOf: 'K', year: 2023 },
      { id: 'G', text: '214.356 triệu đồng', value: tr(214356), metric: 'disbursed', year: 2024 },
      { id: 'Gd', text: '182.655 triệu đồng', value: tr(182655), metric: 'disbursed', capital: 'dtpt', partOf: 'G', year: 2024 },
      { id: 'Rd', text: dtptRate, value: dtptValue, rateKind: 'disbursement', rateOf: 'Gd' },
      { id: 'Gs', text: '31.701 triệu đồng', value: tr(31701), metric: 'disbursed', capital: 'sn', partOf: 'G' },
      { id: 'Rs', text: '13,4%', value: 13.4, rateKind: 'disbursement', rateOf: 'Gs' },
    ]);

  it('finds a rate that does not match amount / base, with the base of the same capital type', () => {
    const found = checkRates(kdFigures('71,4%', 71.4), kd);
    expect(found).toHaveLength(1);
    expect(found[0].figures).toEqual([
      { id: 'Kd', role: 'base' },
      { id: 'Gd', role: 'amount' },
      { id: 'Rd', role: 'rate' },
    ]);
    expect(found[0].expected).toBeCloseTo(80.903, 2);
  });

  it('accepts the rounded rate', () => {
    expect(checkRates(kdFigures('80,9%', 80.9), kd.replace('71,4%', '80,9%'))).toEqual([]);
  });

  it('does not take a fund component from an earlier sentence as the base', () => {
    const t =
      'Vốn thực hiện là 1.339.625 triệu đồng, trong đó: NSTW: 1.287.042 triệu đồng; NSĐP: 52.610 triệu đồng. Kết quả giải ngân: 1.004.035,59 triệu đồng, đạt 74,95% kế hoạch.';
    const fs = figures(t, [
      { id: 'T', text: '1.339.625 triệu đồng', value: tr(1339625), metric: 'other' },
      { id: 'N', text: '1.287.042 triệu đồng', value: tr(1287042), metric: 'allocated', fund: 'nstw', partOf: 'T' },
      { id: 'L', text: '52.610 triệu đồng', value: tr(52610), metric: 'allocated', fund: 'nsdp', partOf: 'T' },
      { id: 'G', text: '1.004.035,59 triệu đồng', value: tr(1004035.59), metric: 'disbursed' },
      { id: 'R', text: '74,95%', value: 74.95, rateOf: 'G' },
    ]);
    expect(checkRates(fs, t)).toEqual([]);
  });

  it('does not measure a plain disbursement against an amount from another sentence', () => {
    const t = 'Vốn năm 2024: 1.196.795 triệu đồng. Kết quả đến 31/5/2024 đã giải ngân được 275.332 triệu đồng đạt 16,61% kế hoạch năm.';
    const fs = figures(t, [
      { id: 'A', text: '1.196.795 triệu đồng', value: tr(1196795), metric: 'allocated', year: 2024 },
      { id: 'D', text: '275.332 triệu đồng', value: tr(275332), metric: 'disbursed', year: 2024 },
      { id: 'R', text: '16,61%', value: 16.61, rateOf: 'D' },
    ]);
    expect(checkRates(fs, t)).toEqual([]);
  });

  it('uses a more specific allocation in the same sentence ("Kế hoạch vốn NSTW giao X; giải ngân Y")', () => {
    const t = 'Kế hoạch vốn NSTW giao là 211.615 triệu đồng; giải ngân đến 30/6/2024 được 59.622 triệu đồng, đạt 26,21% kế hoạch.';
    const fs = figures(t, [
      { id: 'A', text: '211.615 triệu đồng', value: tr(211615), metric: 'allocated', fund: 'nstw' },
      { id: 'D', text: '59.622 triệu đồng', value: tr(59622), metric: 'disbursed' },
      { id: 'R', text: '26,21%', value: 26.21, rateOf: 'D' },
    ]);
    expect(checkRates(fs, t).map((f) => f.found)).toEqual([26.21]);
  });

  it('checks a ratio against its share, but not a rate against a plan', () => {
    const t = 'Số hộ dùng nước hợp vệ sinh là 12.419/13.462 hộ, đạt 92,46%; có 23/115 xã đạt chuẩn, đạt 71,86% so Kế hoạch.';
    const fs = figures(t, [
      { id: 'a', text: '12.419/13.462 hộ', value: 12419, of: 13462, unit: 'hộ' },
      { id: 'r', text: '92,46%', value: 92.46, rateOf: 'a' },
      { id: 'b', text: '23/115 xã', value: 23, of: 115 },
      { id: 's', text: '71,86%', value: 71.86, rateOf: 'b' },
    ]);
    const found = checkRates(fs, t);
    expect(found.map((f) => f.figures.map((r) => r.id))).toEqual([['a', 'r']]);
    expect(found[0].expected).toBeCloseTo(92.25, 2);
  });

  it('takes an unlinked percentage right after a ratio as its share', () => {
    const t = 'Số hộ dùng nước hợp vệ sinh là 12.419/13.462 hộ, đạt 92,46%; có 77/115 xã đạt tiêu chí (đạt 66,96%).';
    const fs = figures(t, [
      { id: 'a', text: '12.419/13.462 hộ', value: 12419, of: 13462, unit: 'hộ' },
      { id: 'r', text: '92,46%', value: 92.46, rateKind: 'other' },
      { id: 'b', text: '77/115 xã', value: 77, of: 115 },
      { id: 's', text: '66,96%', value: 66.96 },
    ]);
    expect(checkRates(fs, t).map((f) => f.figures.map((r) => r.id))).toEqual([['a', 'r']]);
  });

  it('leaves approximate figures alone ("đạt gần 20%")', () => {
    const t = 'Kế hoạch vốn giao 478 tỷ đồng; giải ngân 94 tỷ đồng, đạt gần 30%.';
    const fs = figures(t, [
      { id: 'A', text: '478 tỷ đồng', value: 478e9, metric: 'allocated' },
      { id: 'D', text: '94 tỷ đồng', value: 94e9, metric: 'disbursed' },
      { id: 'R', text: '30%', value: 30, rateOf: 'D', qualifier: 'approx' },
    ]);
    expect(checkRates(fs, t)).toEqual([]);
  });
});

describe('sub-projects against projects', () => {
  const text = [
    '3.9. Dự án 9: Đầu tư phát triển nhóm dân tộc rất ít người',
    'Kế hoạch vốn NSTW giao là 227.437 triệu đồng; giải ngân được 59.622 triệu đồng.',
    'a) Tiểu dự án 1: Đầu tư phát triển',
    'Kế hoạch vốn NSTW giao là 211.615 triệu đồng; giải ngân được 59.622 triệu đồng.',
    'b) Tiểu dự án 2: Giảm thiểu tình trạng tảo hôn',
    'Kế hoạch vốn NSTW giao là 15.822 triệu đồng; giải ngân được 6.631 triệu đồng.',
  ].join('\n');
  const spec = (project: string, text: string, value: number, metric: 'allocated' | 'disbursed') => ({
    text,
    value: tr(value),
    metric,
    project,
    program: 'dtts' as const,
    fund: 'nstw' as const,
    asOf: metric === 'disbursed' ? '2024-06-30' : null,
  });
  const fs = figures(text, [
    spec('Dự án 9', '227.437 triệu đồng', 227437, 'allocated'),
    spec('Dự án 9', '59.622 triệu đồng', 59622, 'disbursed'),
    spec('Tiểu dự án 1 Dự án 9', '211.615 triệu đồng', 211615, 'allocated'),
    spec('Tiểu dự án 1 Dự án 9', '59.622 triệu đồng', 59622, 'disbursed'),
    spec('Tiểu dự án 2 Dự án 9', '15.822 triệu đồng', 15822, 'allocated'),
    spec('Tiểu dự án 2 Dự án 9', '6.631 triệu đồng', 6631, 'disbursed'),
  ]);

  it('finds the disbursement that does not add up and passes the allocation that does', () => {
    const found = checkSubprojects(fs, text);
    expect(found.map((f) => [f.expected, f.found])).toEqual([[tr(59622), tr(66253)]]);
    expect(found[0].figures.map((r) => r.id)).toEqual(['f2', 'f4', 'f6']);
  });

  it('skips a project whose named sub-projects are not all given', () => {
    const more = text + '\nc) Tiểu dự án 3: Không thực hiện.';
    expect(subprojectsNamed(more, 'Dự án 9')).toEqual([1, 2, 3]);
    expect(checkSubprojects(fs, more)).toEqual([]);
  });

  it('reports a mismatch once even when sub-projects are also linked by partOf', () => {
    const linked = fs.map((f) => (f.project?.startsWith('Tiểu') && f.metric === 'disbursed' ? { ...f, partOf: 'f2' } : f));
    expect(auditDocument(linked, text)).toHaveLength(1);
  });
});

describe('across documents', () => {
  const base = figures('Điện Biên giải ngân 59.622 triệu đồng.', [
    {
      text: '59.622 triệu đồng',
      value: tr(59622),
      metric: 'disbursed',
      program: 'dtts',
      location: { province: 'Điện Biên', district: null, current: 'Điện Biên' },
      asOf: '2024-06-30',
    },
  ])[0];
  const at = (doc: number, value: number, extra: Partial<typeof base> = {}) => ({ doc, docName: `doc${doc}`, figure: { ...base, value, ...extra } });

  it('finds the same place, programme, metric and date with different values', () => {
    const found = checkAcrossDocuments([at(1, tr(59622)), at(2, tr(60622)), at(3, tr(59622))]);
    expect(found).toHaveLength(1);
    expect(found[0].figures.map((r) => r.doc)).toEqual([1, 2]);
    expect(found[0].message).toContain('doc2');
  });

  it('reads a whole figure only for the first document of a key, whose words the message uses', () => {
    const members = [3, 1, 2].map((doc) => ({ doc, docName: `doc${doc}`, id: 'f1', value: tr(59622 + 1000 * doc), text: `${59622 + 1000 * doc} triệu đồng`, of: null }));
    const asked: number[] = [];
    const found = checkKey(members, (m) => (asked.push(m.doc), { ...base, value: m.value }));
    expect(asked).toEqual([1]);
    expect(found?.figures.map((r) => r.doc)).toEqual([1, 2, 3]);
    expect(found?.message).toMatch(/doc1, but .*doc2; .*doc3$/);
    expect(checkKey(members.slice(0, 1), () => { throw new Error('not needed'); })).toBeNull();
  });

  it('raises nothing for agreeing values, other dates, or a document stating two values', () => {
    expect(checkAcrossDocuments([at(1, tr(59622)), at(2, tr(59622))])).toEqual([]);
    expect(checkAcrossDocuments([at(1, tr(59622)), at(2, tr(60000), { asOf: '2024-12-31' })])).toEqual([]);
    expect(checkAcrossDocuments([at(1, tr(59622)), at(2, tr(60000)), at(2, tr(61000), { id: 'f2' })])).toEqual([]);
    expect(checkAcrossDocuments([at(1, tr(59622), { metric: 'carried_over' }), at(2, tr(60000), { metric: 'carried_over' })])).toEqual([]);
  });
});
