// Parsed document -> contract output. (Issue 2 fills in the extractor.)
import type { ExtractOutput } from '../contract/schema.ts';
import type { ParsedDocument } from '../contract/parsed.ts';

export function extractDocument(parsed: ParsedDocument, sha256: string): ExtractOutput {
  return {
    document: { sha256, format: parsed.format, title: parsed.title, published: parsed.published, text: parsed.text },
    figures: [],
  };
}
