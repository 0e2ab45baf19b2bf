// Parsed document -> contract output, checked against the contract before anything is stored.
// (The pipeline's extractFile drops the parsed structure; the store keeps it for `reextract`.)
import { ExtractOutputSchema, type ExtractOutput } from '../contract/schema.ts';
import type { ParsedDocument } from '../contract/parsed.ts';
import { extractDocument } from '../extract/document.ts';

export function extractParsed(parsed: ParsedDocument, sha256: string): ExtractOutput {
  return ExtractOutputSchema.parse(extractDocument(parsed, sha256));
}
