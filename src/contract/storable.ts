// What the sandbox hands ingest to store (src/sandbox/job.ts makes it, src/store writes it).
import { z } from 'zod';
import type { AuditFinding } from '../audit/finding.ts';
import { ParsedDocumentSchema } from './parsed.ts';
import { DocumentSchema } from './schema.ts';

const Chunk = z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'expected a Uint8Array chunk');

/** A document as ingest stores it, in the form that is least to hold and to copy: its blocks and
 *  figures as jsonElementChunks, each element checked against its schema in the sandbox worker (a
 *  200,000-row table is 400,000 blocks and 200,000 figures: as objects in the ingesting thread,
 *  twice over once checked there, they peaked at 2.2 GB). */
export const StorableSchema = z.object({
  document: DocumentSchema,
  ...ParsedDocumentSchema.pick({ warnings: true, ocr: true }).shape,
  /** ParsedDocument.blocks as UTF-8 JSON (checked block by block in the worker). */
  blocks: Chunk,
  figures: z.array(Chunk),
  figureCount: z.number().int().nonnegative(),
  /** Within-document findings (the audit's own type); null when not audited. */
  findings: z.array(z.custom<AuditFinding>()).nullable(),
});
export type Storable = z.infer<typeof StorableSchema>;
