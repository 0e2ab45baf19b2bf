// Entry point for parsing: every document is parsed in the resource-limited sandbox worker.
import type { ParsedDocument } from '../contract/parsed.ts';
import { parseInSandbox, type SandboxLimits } from './sandbox.ts';

export type { SandboxLimits } from './sandbox.ts';
export { DEFAULT_LIMITS } from './sandbox.ts';

export function parseDocument(bytes: Uint8Array, name: string, limits?: SandboxLimits): Promise<ParsedDocument> {
  return parseInSandbox(bytes, name, limits);
}
