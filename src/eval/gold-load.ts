// Loads gold files and the texts they annotate. Seeds live in ../shared (never copied here).
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GoldFileSchema, type GoldFile, type GoldFigure } from '../contract/gold.ts';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SHARED_DIR = process.env.SOLIEU_SHARED ?? resolve(REPO_ROOT, '../shared');
export const GOLD_DIR = join(REPO_ROOT, 'corpus/gold');

/** Absolute path of a gold `source` ("seeds/x.txt" lives in ../shared, others in the repo). */
export function sourcePath(source: string): string {
  return source.startsWith('seeds/') ? join(SHARED_DIR, source) : join(REPO_ROOT, source);
}

export interface GoldDocument {
  source: string;
  path: string;
  title: string | null;
  published: string | null;
  figures: GoldFigure[];
  /** Files the figures came from (a long document may be annotated in parts). */
  files: string[];
}

/** Reads every gold file in `dir`, merging parts of one source into one document. */
export function loadGold(dir = GOLD_DIR): GoldDocument[] {
  const bySource = new Map<string, GoldDocument>();
  const names = readdirSync(dir).filter((n) => n.endsWith('.json')).sort();
  for (const name of names) {
    const raw = JSON.parse(readFileSync(join(dir, name), 'utf8'));
    const parsed = GoldFileSchema.safeParse(raw);
    if (!parsed.success) throw new Error(`${name}: not a gold file: ${parsed.error.issues[0]?.message}`);
    const g: GoldFile = parsed.data;
    let doc = bySource.get(g.source);
    if (!doc) {
      doc = { source: g.source, path: sourcePath(g.source), title: null, published: null, figures: [], files: [] };
      bySource.set(g.source, doc);
    }
    doc.files.push(name);
    if (g.document) {
      doc.title ??= g.document.title;
      doc.published ??= g.document.published;
    }
    doc.figures.push(...g.figures);
  }
  for (const doc of bySource.values()) doc.figures.sort((a, b) => a.start - b.start);
  return [...bySource.values()];
}

export function goldAvailable(doc: GoldDocument): boolean {
  return existsSync(doc.path);
}
