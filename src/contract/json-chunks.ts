// The contract JSON of an extraction as UTF-8 chunks, each figure checked against the contract and
// serialised on its own: a 200,000-figure document is never one giant string nor a second, checked
// copy of the whole output (`extract --json` once peaked at 1.4 GB on such a table). The bytes are
// exactly JSON.stringify of the checked output, compact or indented by 2.
import { ExtractOutputSchema, FigureSchema, type ExtractOutput } from './schema.ts';

/** Chunks of about this many characters (few messages, little held at once). */
const CHUNK_CHARS = 2 ** 20;

/** JSON past the output limit. */
export class JsonTooLarge extends Error {}

/** Strings gathered into UTF-8 chunks of about CHUNK_CHARS, a chunk cut only between writes;
 *  throws JsonTooLarge once the chunks pass `maxBytes`. */
class ChunkWriter {
  readonly chunks: Uint8Array[] = [];
  private bytes = 0;
  private pending = '';
  private readonly encoder = new TextEncoder();

  constructor(
    private readonly maxBytes: number,
    private readonly chunkChars = CHUNK_CHARS,
  ) {}

  /** Nothing written since the last chunk was cut. */
  get atChunkStart(): boolean {
    return this.pending === '';
  }

  write(s: string): void {
    this.pending += s;
    if (this.pending.length >= this.chunkChars) this.flush();
  }

  flush(): void {
    if (!this.pending) return;
    const chunk = this.encoder.encode(this.pending);
    this.bytes += chunk.byteLength;
    if (this.bytes > this.maxBytes) throw new JsonTooLarge(`its JSON is over the ${Math.round(this.maxBytes / 2 ** 20)} MB output limit`);
    this.chunks.push(chunk);
    this.pending = '';
  }
}

/** The output as JSON in chunks; throws like ExtractOutputSchema.parse when it breaks the contract,
 *  and JsonTooLarge when the JSON would be over `maxBytes`. */
export function contractJsonChunks(output: ExtractOutput, pretty: boolean, maxBytes: number): Uint8Array[] {
  const indent = pretty ? 2 : undefined;
  // Everything but the figures, checked whole; the figures array is spliced in where a marker stands.
  const marker = '\u0000figures\u0000';
  const rest = ExtractOutputSchema.omit({ figures: true }).parse({ ...output, figures: undefined });
  const keyed = Object.fromEntries(Object.keys(ExtractOutputSchema.shape).filter((k) => k in rest || k === 'figures').map((k) => [k, k === 'figures' ? marker : rest[k as keyof typeof rest]]));
  const [head, tail] = JSON.stringify(keyed, null, indent).split(JSON.stringify(marker));
  const out = new ChunkWriter(maxBytes);
  out.write(head);
  const figures = output.figures;
  if (!figures.length) out.write('[]');
  else {
    // An element of an array under a top-level key sits two levels deep.
    const open = pretty ? '[\n    ' : '[';
    const sep = pretty ? ',\n    ' : ',';
    const close = pretty ? '\n  ]' : ']';
    figures.forEach((f, i) => {
      const json = JSON.stringify(FigureSchema.parse(f), null, indent);
      out.write((i === 0 ? open : sep) + (pretty ? json.replaceAll('\n', '\n    ') : json));
    });
    out.write(close);
  }
  out.write(tail);
  out.flush();
  return out.chunks;
}

/** Items as compact JSON in UTF-8 chunks (of about `chunkChars`) of whole elements joined by
 *  commas, without brackets: `[${chunk}]` is the array of that chunk's items, `[${chunks joined by
 *  ','}]` the whole array. Each item is checked (`check` throws, or returns what to serialise) and
 *  serialised on its own. */
export function jsonElementChunks<T>(items: readonly T[], check: (item: T) => unknown, maxBytes: number, chunkChars?: number): Uint8Array[] {
  const out = new ChunkWriter(maxBytes, chunkChars);
  // The comma goes between elements of one chunk only: each chunk begins with a whole element.
  for (const item of items) out.write(`${out.atChunkStart ? '' : ','}${JSON.stringify(check(item))}`);
  out.flush();
  return out.chunks;
}

/** The items of jsonElementChunks, parsed one chunk at a time (never all of them at once). */
export function* jsonElements(chunks: readonly Uint8Array[]): Generator<unknown> {
  const decoder = new TextDecoder();
  for (const chunk of chunks) yield* JSON.parse(`[${decoder.decode(chunk)}]`) as unknown[];
}

/** The whole array of jsonElementChunks as UTF-8 JSON, bytes never decoded into a string; in a
 *  buffer of its own (not Node's shared pool), so that it can be moved to another thread. */
export function jsonArrayBytes(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(2 + chunks.reduce((n, c) => n + c.byteLength, 0) + Math.max(0, chunks.length - 1));
  const [open, comma, close] = ['[', ',', ']'].map((c) => c.charCodeAt(0));
  out[0] = open;
  let at = 1;
  chunks.forEach((c, i) => {
    if (i) out[at++] = comma;
    out.set(c, at);
    at += c.byteLength;
  });
  out[at] = close;
  return out;
}
