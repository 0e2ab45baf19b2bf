// One document job as the sandbox worker runs it: parse by format, then extract figures (and for
// 'store' audit them), under the output caps. Runs inside the worker (./worker.js); never in the main thread.
import { BlockSchema, type ParsedDocument } from '../contract/parsed.ts';
import { FigureSchema, type ExtractOutput } from '../contract/schema.ts';
import type { Storable } from '../contract/storable.ts';
import { auditDocument } from '../audit/index.ts';
import { InputError } from '../contract/errors.ts';
import { parseInProcess } from '../parsers/dispatch.ts';
import { extractDocument } from '../extract/document.ts';
import { hostOf } from '../parsers/html-meta.ts';
import { ZodError } from 'zod';
import { contractJsonChunks, jsonArrayBytes, jsonElementChunks, JsonTooLarge } from '../contract/json-chunks.ts';

/** The worker keeps what its warm-up compiled for the next start (../patterns/snapshot.ts). */
export { keepResults } from '../patterns/snapshot.ts';

export type JobRequest =
  | {
      /** 'parse': the parsed document; 'output': the output alone; 'json': the output as contract
       *  JSON, checked, in UTF-8 chunks (least to hold); 'store': what ingest stores (Storable). */
      task: 'parse' | 'output' | 'json' | 'store';
      bytes: Uint8Array;
      name: string;
      sha256: string;
      pretty?: boolean;
      /** 'store': the document's own findings too. */
      audit?: boolean;
      maxFigures?: number;
      /** The address the bytes were published at, when `name` is not it (a saved page). */
      origin?: string;
    }
  /** The output of a document already parsed (stored text and structure, a crawled page). */
  | { task: 'figures'; parsed: ParsedDocument; name: string; sha256: string; maxFigures?: number };

export type JobReply =
  | { ok: true; parsed: ParsedDocument | null; output: ExtractOutput | null; json?: Uint8Array[]; warnings?: string[]; storable?: Storable }
  | { ok: false; reason: string }
  /** Not a reply: a slow step (OCR of a page) begins that may take up to `ms`. */
  | { ok: null; slowStepMs: number };

/** Canonical text allowed for one document (a 400-page report is ~2 M characters). */
export const MAX_TEXT_CHARS = 24 * 2 ** 20;
/** Figures allowed for one document (the largest real report has a few thousand). */
export const MAX_FIGURES = 500_000;
/** Contract JSON allowed for one document (about 600 bytes a figure at the figure cap). */
export const MAX_JSON_BYTES = 320 * 2 ** 20;
/** Characters of figure JSON per chunk handed to ingest (about a hundred figures). */
const FIGURE_CHUNK_CHARS = 64 * 2 ** 10;
/** Figures read by OCR are surer of nothing than the recogniser: their confidence is scaled by this. */
export const OCR_CONFIDENCE = 0.7;

export async function runJob(request: JobRequest, onSlowStep?: (ms: number) => void): Promise<JobReply> {
  const { name } = request;
  try {
    const parsed = request.task === 'figures' ? request.parsed : await parseInProcess(request.bytes, name, onSlowStep);
    if (request.task !== 'figures') parsed.host ??= hostOf(request.origin ?? name);
    if (parsed.text.length > MAX_TEXT_CHARS) {
      throw new InputError(name, `holds ${parsed.text.length} characters of text, over the ${MAX_TEXT_CHARS} limit: split the document`);
    }
    if (request.task === 'parse') return { ok: true, parsed, output: null };
    const output = withParseNotes(extractDocument(parsed, request.sha256), parsed);
    const maxFigures = request.maxFigures ?? MAX_FIGURES;
    if (output.figures.length > maxFigures) {
      throw new InputError(name, `yields ${output.figures.length} figures, over the ${maxFigures} limit: split the document`);
    }
    if (request.task === 'json') {
      const json = jsonOf(output, request.pretty ?? false, name);
      return { ok: true, parsed: null, output: null, json, warnings: output.warnings };
    }
    if (request.task === 'store') return { ok: true, parsed: null, output: null, storable: storableOf(parsed, output, request.audit ?? false, name) };
    return { ok: true, parsed: null, output };
  } catch (e) {
    const err = e as Error;
    if (err instanceof InputError) return { ok: false, reason: err.reason };
    if (err instanceof RangeError && /call stack/i.test(err.message)) return { ok: false, reason: 'too deeply nested or too many parts to read (stack exhausted)' };
    return { ok: false, reason: `parser failed (${String(err?.message ?? e).split('\n')[0].slice(0, 160)})` };
  }
}

function jsonOf(output: ExtractOutput, pretty: boolean, name: string): Uint8Array[] {
  return checkedJson(() => contractJsonChunks(output, pretty, MAX_JSON_BYTES), name);
}

function storableOf(parsed: ParsedDocument, output: ExtractOutput, audit: boolean, name: string): Storable {
  // Small chunks: the ingesting thread parses one at a time, and its figures are then garbage
  // before they outlive a young-generation collection (1 MB chunks left ~200 MB for the old one).
  const figures = checkedJson(() => jsonElementChunks(output.figures, (f) => FigureSchema.parse(f), MAX_JSON_BYTES, FIGURE_CHUNK_CHARS), name);
  // Stored as one text: joined here, where the chunks are then let go, not where the store holds the rest.
  const blocks = jsonArrayBytes(checkedJson(() => jsonElementChunks(parsed.blocks, (b) => BlockSchema.parse(b), MAX_JSON_BYTES), name));
  const findings = audit ? auditDocument(output.figures, output.document.text) : null;
  return { document: output.document, warnings: parsed.warnings, ocr: parsed.ocr, blocks, figures, figureCount: output.figures.length, findings };
}

/** JSON chunks made by `make`; past the output cap or against the contract, one line naming the file. */
function checkedJson(make: () => Uint8Array[], name: string): Uint8Array[] {
  try {
    return make();
  } catch (e) {
    if (e instanceof JsonTooLarge) throw new InputError(name, `${e.message}: split the document`);
    const issue = e instanceof ZodError ? e.issues[0] : undefined;
    throw new InputError(name, issue ? `extractor output breaks the contract at ${issue.path.join('.')}: ${issue.message}` : String(e));
  }
}

/** What the parser said about its reading goes with the figures: warnings, and OCR's lower confidence. */
export function withParseNotes(output: ExtractOutput, parsed: ParsedDocument): ExtractOutput {
  const figures = parsed.ocr ? output.figures.map((f) => ({ ...f, confidence: Math.round(f.confidence * OCR_CONFIDENCE * 100) / 100 })) : output.figures;
  return parsed.warnings?.length ? { ...output, figures, warnings: parsed.warnings } : { ...output, figures };
}
