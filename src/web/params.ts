// The page's query parameters, checked by zod and then by the same rules as the CLI's options
// (filterFromArgs), so the page and `solieu query` filter alike. Anything else is a 400.
import { z } from 'zod';
import { filterFromArgs } from '../store/filter-args.ts';
import { UsageError } from '../contract/errors.ts';
import { FIGURE_SORTS, type FigureFilter, type FigureSort } from '../store/query.ts';

const text = z.string().max(500);
const whole = (max: number) => z.string().regex(/^\d{1,9}$/, 'must be a whole number').transform(Number).refine((n) => n >= 1 && n <= max, `must be between 1 and ${max}`);
export const PAGE_SIZES = [25, 50, 100, 200] as const;

export const ListParamsSchema = z
  .object({
    q: text.optional(),
    province: text.optional(),
    /** A province as it is since the 2025 merger (the current-province facet). */
    current: text.optional(),
    district: text.optional(),
    program: text.optional(),
    project: text.optional(),
    metric: text.optional(),
    kind: text.optional(),
    year: text.optional(),
    from: text.optional(),
    to: text.optional(),
    min: text.optional(),
    max: text.optional(),
    doc: whole(2 ** 31).optional(),
    sort: z.enum(['id', ...(Object.keys(FIGURE_SORTS) as FigureSort[])]).default('id'),
    dir: z.enum(['asc', 'desc']).default('asc'),
    page: whole(100_000).default(1),
    size: z.enum(PAGE_SIZES.map(String) as [string, ...string[]]).transform(Number).default(50),
  })
  .strict();
export type ListParams = z.infer<typeof ListParamsSchema>;

export const PassageParamsSchema = z.object({ source: text, version: whole(1_000_000), fig: z.string().regex(/^[\w-]{1,40}$/), q: text.optional() }).strict();
export type PassageParams = z.infer<typeof PassageParamsSchema>;

export const CheckParamsSchema = z.object({ claim: z.string().max(2000) }).strict();

export class ParamError extends Error {}

/** One value per name: a repeated parameter is ambiguous, so it is refused. */
export function parseParams<S extends z.ZodType>(schema: S, search: URLSearchParams): z.infer<S> {
  const obj: Record<string, string> = {};
  for (const [k, v] of search) {
    if (k in obj) throw new ParamError(`parameter '${k}' given twice`);
    // An empty field of a submitted form means "not set".
    if (v !== '') obj[k] = v;
  }
  const r = schema.safeParse(obj);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new ParamError(`${issue.path.join('.') || 'parameters'}: ${issue.message}`);
  }
  return r.data;
}

/** The figure filter of a list view (rows of the page shown, plus one to know a next page exists). */
export function filterOf(p: ListParams): FigureFilter {
  if (p.province && p.current) throw new ParamError('choose a former or a current province, not both');
  let filter: FigureFilter;
  try {
    filter = filterFromArgs({ ...p, province: p.province ?? p.current }, p.q);
  } catch (e) {
    if (e instanceof UsageError) throw new ParamError(e.message.replace(/^--/, ''));
    throw e;
  }
  return {
    ...filter,
    document: p.doc,
    sort: p.sort === 'id' ? undefined : { by: p.sort, desc: p.dir === 'desc' },
    offset: (p.page - 1) * p.size,
    limit: p.size + 1,
  };
}
