// HTML built by a tagged template that escapes every interpolated value unless it is already
// Safe (built by this template). Document text can hold anything (<script>, <img onerror>): it
// only ever reaches the page through escape().
export class Safe {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html;
  }
}

type Value = Safe | string | number | boolean | null | undefined | readonly Value[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

function render(v: Value): string {
  if (v instanceof Safe) return v.html;
  if (Array.isArray(v)) return v.map(render).join('');
  if (v === null || v === undefined || v === false) return '';
  return escape(String(v));
}

export function html(strings: TemplateStringsArray, ...values: Value[]): Safe {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new Safe(out);
}

/** A query string from parameters, dropping empty ones (for links that keep the current view). */
export function query(params: Record<string, string | number | undefined | null>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : '';
}

export function layout(title: string, body: Safe): Safe {
  return html`<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · solieu</title>
<link rel="stylesheet" href="/assets/app.css">
<script src="/assets/app.js" defer></script>
</head>
<body>
<header><a href="/" class="brand">solieu</a> <span class="tag">số liệu — figures from the National Target Programme reports, with their sources</span></header>
<main>
${body}
</main>
</body>
</html>
`;
}
