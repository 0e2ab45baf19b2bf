// Entry point for parsing: every format, plain text included, is parsed in the resource-limited
// sandbox worker (src/sandbox), whose one long-lived worker serves the whole batch.
import type { ParsedDocument } from '../contract/parsed.ts';
import { parseInSandbox, type SandboxLimits } from '../sandbox/index.ts';

export { DEFAULT_LIMITS, type SandboxLimits } from '../sandbox/index.ts';

export function parseDocument(bytes: Uint8Array, name: string, limits?: SandboxLimits): Promise<ParsedDocument> {
  return parseInSandbox(bytes, name, limits);
}
