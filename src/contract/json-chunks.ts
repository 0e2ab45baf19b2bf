// The contract JSON of an extraction as UTF-8 chunks, each figure checked against the contract and
// serialised on its own: a 200,000-figure document is never one giant string nor a second, checked
// copy of the whole output (`extract --json` once peaked at 1.4 GB on such a table). The bytes are
// exactly JSON.stringify of the checked output, compact or indented by 2.
import { ExtractOutputSchema, FigureSchema, type ExtractOutput } from './schema.ts';

/** Chunks of about this many characters (few messages, little held at once). */
const CHUNK_CHARS = 2 ** 20;

/** JSON past the output limit. */
export class JsonTooLarge extends Error {}

/** The output as JSON in chunks; throws like ExtractOutputSchema.parse when it breaks the contract,
 *  and JsonTooLarge when the JSON would be over `maxBytes`. */
export function contractJsonChunks(output: ExtractOutput, pretty: boolean, maxBytes: number): Uint8Array[] {
  const indent = pretty ? 2 : undefined;
  // Everything but the figures, checked whole; the figures array is spliced in where a marker stands.
  const marker = '\u0000figures\u0000';
  const rest = ExtractOutputSchema.omit({ figures: true }).parse({ ...output, figures: undefined });
  const keyed = Object.fromEntries(Object.keys(ExtractOutputSchema.shape).filter((k) => k in rest || k === 'figures').map((k) => [k, k === 'figures' ? marker : rest[k as keyof typeof rest]]));
  const [head, tail] = JSON.stringify(keyed, null, indent).split(JSON.stringify(marker));
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  let pending = head;
  const emit = (s: string) => {
    pending += s;
    if (pending.length < CHUNK_CHARS) return;
    push();
  };
  const push = () => {
    const chunk = encoder.encode(pending);
    bytes += chunk.byteLength;
    if (bytes > maxBytes) throw new JsonTooLarge(`its JSON is over the ${Math.round(maxBytes / 2 ** 20)} MB output limit`);
    chunks.push(chunk);
    pending = '';
  };
  const figures = output.figures;
  if (!figures.length) emit('[]');
  else {
    // An element of an array under a top-level key sits two levels deep.
    const open = pretty ? '[\n    ' : '[';
    const sep = pretty ? ',\n    ' : ',';
    const close = pretty ? '\n  ]' : ']';
    figures.forEach((f, i) => {
      const json = JSON.stringify(FigureSchema.parse(f), null, indent);
      emit((i === 0 ? open : sep) + (pretty ? json.replaceAll('\n', '\n    ') : json));
    });
    emit(close);
  }
  emit(tail);
  push();
  return chunks;
}
