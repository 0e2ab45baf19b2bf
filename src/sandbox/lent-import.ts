// import() for code that runs inside the build's worker script: a script read from V8's code cache
// (./script.ts) has no import() of its own on Node 20 ("A dynamic import callback was not
// specified"), so the worker lends one through a global that both sides name here.
type Importer = (specifier: string) => Promise<unknown>;
const holder = globalThis as { solieuImport?: Importer };

/** Lends `importer` (an ES module's own import()) to scripts run from the code cache. */
export function lendImport(importer: Importer): void {
  holder.solieuImport = importer;
}

/** import() of an ES module, through the lent one when there is one. */
export function importModule<T>(specifier: string): Promise<T> {
  return (holder.solieuImport ? holder.solieuImport(specifier) : import(specifier)) as Promise<T>;
}
