// Reading a document in the sandbox (./pool.ts): the parsed structure, and the contract output
// when asked, each checked against its schema here, in the caller's thread; the contract JSON and
// what ingest stores are checked in the worker as they are written (checking here would need the
// whole output here).
import { ParsedDocumentSchema, type ParsedDocument } from '../contract/parsed.ts';
import { ExtractOutputSchema, type ExtractOutput } from '../contract/schema.ts';
import { InputError } from '../contract/errors.ts';
import { runInSandbox, type SandboxLimits } from './pool.ts';
import { StorableSchema, type Storable } from '../contract/storable.ts';

export { DEFAULT_LIMITS, type SandboxLimits } from './pool.ts';

function checkedParse(raw: unknown, name: string): ParsedDocument {
  const checked = ParsedDocumentSchema.safeParse(raw);
  if (!checked.success) throw new InputError(name, `parser produced an invalid document (${checked.error.issues[0]?.message})`);
  return checked.data;
}

/** Parses a document of any format under the caps. */
export async function parseInSandbox(bytes: Uint8Array, name: string, limits?: SandboxLimits): Promise<ParsedDocument> {
  const reply = await runInSandbox({ task: 'parse', bytes, name, sha256: '' }, limits);
  return checkedParse(reply.parsed, name);
}

/** Extracts a document under the caps: the contract output alone, checked against the contract. */
export async function extractInSandbox(bytes: Uint8Array, name: string, sha256: string, limits?: SandboxLimits, origin?: string): Promise<ExtractOutput> {
  const reply = await runInSandbox({ task: 'output', bytes, name, sha256, origin }, limits);
  return ExtractOutputSchema.parse(reply.output);
}

/** Parses, extracts and (with `audit`) audits a document under the caps, into what ingest stores:
 *  its blocks and figures as JSON chunks checked element by element in the worker (so that this
 *  thread never holds them all as objects), the rest checked here. */
export async function storableInSandbox(bytes: Uint8Array, name: string, sha256: string, audit: boolean, limits?: SandboxLimits): Promise<Storable> {
  const reply = await runInSandbox({ task: 'store', bytes, name, sha256, audit }, limits);
  return StorableSchema.parse(reply.storable);
}

/** Extracts a document under the caps into its contract JSON (checked against the contract in the
 *  worker, figure by figure), as UTF-8 chunks, and the parser's warnings. */
export async function extractJsonInSandbox(
  bytes: Uint8Array,
  name: string,
  sha256: string,
  pretty: boolean,
  limits?: SandboxLimits,
): Promise<{ json: Uint8Array[]; warnings: string[] }> {
  const reply = await runInSandbox({ task: 'json', bytes, name, sha256, pretty }, limits);
  return { json: reply.json ?? [], warnings: reply.warnings ?? [] };
}

/** Extracts a document already parsed (stored for reextract, or a crawled page) under the caps. */
export async function extractParsedInSandbox(parsed: ParsedDocument, name: string, sha256: string, limits?: SandboxLimits): Promise<ExtractOutput> {
  const reply = await runInSandbox({ task: 'figures', parsed, name, sha256 }, limits);
  return ExtractOutputSchema.parse(reply.output);
}
