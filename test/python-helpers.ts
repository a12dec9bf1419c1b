// Shared by the Python front-end tests: parse a snippet and read its calls in
// a compact, readable form (URL and header values rendered with `${VAR}` for
// env references and `<?>` for unknowns; bodies as plain JSON).
import { renderWord, valueToJson, type HttpCall, type Word } from '../src/call/model.js';
import { parsePython } from '../src/python/index.js';

export interface Shown {
  client: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  info?: HttpCall['client_info'];
  raw: HttpCall;
}

export function show(c: HttpCall): Shown {
  const body = c.body === null ? null : c.body.type === 'json' ? valueToJson(c.body.value, true) : c.body.type === 'text' ? renderWord(c.body.text) : c.body.fields;
  return {
    client: c.client,
    method: c.method,
    url: renderWord(c.url),
    headers: Object.fromEntries(c.headers.map((h) => [h.name, renderWord(h.value)])),
    body,
    info: c.client_info,
    raw: c,
  };
}

export function py(src: string) {
  const r = parsePython(src);
  return { ...r, shown: r.calls.map(show), codes: r.warnings.map((w) => w.code) };
}

/** The single call a snippet makes. */
export function call(src: string): Shown {
  const r = parsePython(src);
  if (r.calls.length !== 1) throw new Error(`expected one call, got ${r.calls.length}: ${JSON.stringify(r.warnings)}`);
  return show(r.calls[0]);
}

export const parts = (w: Word) => w.parts;
