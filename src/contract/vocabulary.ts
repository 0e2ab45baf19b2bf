// The contract's closed word lists, without zod: the CLI's option choices use them, and its
// --help must not pay for loading zod (./schema.ts builds the schemas from them).
export const FORMATS = ['txt', 'html', 'docx', 'pdf'] as const;
export const KINDS = ['money', 'percent', 'quantity'] as const;
export const QUALIFIERS = ['exact', 'over', 'under', 'approx'] as const;
export const METRICS = [
  'allocated',
  'disbursed',
  'mobilized',
  'carried_over',
  'invested',
  'loan',
  'support_rate',
  'other',
] as const;
export const RATE_KINDS = ['disbursement', 'plan_progress', 'share', 'poverty', 'change', 'other'] as const;
export const PROGRAMS = ['dtts', 'gnbv', 'ntm', 'all'] as const;
export const FUNDS = ['nstw', 'nsdp', 'other'] as const;
export const CAPITALS = ['dtpt', 'sn'] as const;
