// What every parser hands to the extractor: canonical text plus the structure it recovered.
// Offsets (start/end) are UTF-16 indexes into `text`, like the contract's.
import { z } from 'zod';
import { FORMATS, LocatorSchema } from './schema.ts';

export const BLOCK_KINDS = ['heading', 'paragraph', 'table-cell', 'footnote', 'caption'] as const;

export const BlockSchema = z.object({
  kind: z.enum(BLOCK_KINDS),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  /** Heading depth (1 = top) where the source says so (DOCX styles); null when unknown. */
  level: z.number().int().positive().nullable().optional(),
  locator: LocatorSchema,
  /** Table cells: the row label and column header that give the cell's figure its meaning. */
  rowLabel: z.string().nullable().optional(),
  colHeader: z.string().nullable().optional(),
  /** Footnotes: the footnote number, and the offset in `text` of the reference marker. */
  footnote: z.number().int().nonnegative().nullable().optional(),
  refAt: z.number().int().nonnegative().nullable().optional(),
});
export type Block = z.infer<typeof BlockSchema>;

export const ParsedDocumentSchema = z.object({
  format: z.enum(FORMATS),
  title: z.string().nullable(),
  published: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  siteName: z.string().nullable().optional(),
  /** The web host the document was published on (its address, or the page's canonical URL). */
  host: z.string().nullable().optional(),
  text: z.string(),
  /** Structure the parser knows; plain text has none (the extractor finds headings itself). */
  blocks: z.array(BlockSchema),
  /** What the parser dropped or decided against the file's own word, one line each (pages past the cap, running heads, charsets). */
  warnings: z.array(z.string()).optional(),
  /** The text was read by OCR from page images (its figures are less sure). */
  ocr: z.boolean().optional(),
});
export type ParsedDocument = z.infer<typeof ParsedDocumentSchema>;
