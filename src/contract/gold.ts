// Hand-made gold annotations (corpus/gold/*.json): what a careful reader finds in a text.
// Links (rateOf, partOf) name the target by its `start` offset, since gold has no ids.
import { z } from 'zod';
import { FigureSchema } from './schema.ts';

export const GoldFigureSchema = FigureSchema.omit({
  id: true,
  sentence: true,
  confidence: true,
  locator: true,
  rateOf: true,
  partOf: true,
}).extend({
  rateOf: z.number().int().nonnegative().nullable(),
  partOf: z.number().int().nonnegative().nullable(),
  /** Free note from the annotator (why a hard case was read this way). */
  note: z.string().optional(),
});
export type GoldFigure = z.infer<typeof GoldFigureSchema>;

export const GoldFileSchema = z.object({
  /** The annotated text: "seeds/<name>" (in ../shared) or "corpus/passages/<name>" (in the repo). */
  source: z.string(),
  /** For a part of a long document: the [from, to) character range this file covers. */
  range: z.tuple([z.number().int(), z.number().int()]).optional(),
  document: z.object({ title: z.string().nullable(), published: z.string().nullable() }).optional(),
  figures: z.array(GoldFigureSchema),
});
export type GoldFile = z.infer<typeof GoldFileSchema>;
