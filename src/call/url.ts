// URL building shared by the SDK front-ends (Python, JS): how an SDK joins
// its base URL and an endpoint path, appends query parameters, and how values
// the paste assigned to environment variables are attached to references.
// Pure functions over Words; never throw.
import { concatWords, lit, litWord, type Header, type Part, type Word } from './model.js';

/** Marks env parts the paste itself assigned (`export OPENAI_BASE_URL=...`), recursively once. */
export function annotate(w: Word, pasteEnv: Map<string, Word>): Word {
  if (!w.parts.some((p) => p.kind === 'env' && pasteEnv.has(p.name))) return w;
  return {
    ...w,
    parts: w.parts.map((p): Part => {
      if (p.kind !== 'env' || p.assigned || !pasteEnv.has(p.name)) return p;
      const assigned = pasteEnv.get(p.name)!.parts.map((q) => (q.kind === 'env' && pasteEnv.has(q.name) && q.name !== p.name ? { ...q, assigned: pasteEnv.get(q.name)!.parts } : q));
      return { ...p, assigned };
    }),
  };
}

/** base + path as the SDKs join them: the base's trailing `/` dropped. */
export function joinUrl(base: Word, path: string): Word {
  const parts = base.parts.slice();
  const last = parts[parts.length - 1];
  if (last && last.kind === 'lit') {
    const t = last.text.replace(/\/+$/, '');
    if (t) parts[parts.length - 1] = lit(t);
    else parts.pop();
  }
  return concatWords({ parts }, litWord(path));
}

/** encodeURIComponent that never throws (a lone surrogate is kept as is). */
export function safeEncode(s: string, fn: (x: string) => string = encodeURIComponent): string {
  try {
    return fn(s);
  } catch {
    return s;
  }
}

/**
 * Appends `k=v` pairs to a URL, after `?` or `&` as the URL already has a
 * query or not. `spaceAsPlus` encodes spaces as `+`, as Python's requests and
 * httpx do; the JS SDKs write `%20`.
 */
export function appendQuery(url: Word, entries: Array<[string, Word]>, opts: { spaceAsPlus?: boolean } = {}): Word {
  if (!entries.length) return url;
  const enc = (s: string) => {
    const e = safeEncode(s);
    return opts.spaceAsPlus ? e.replace(/%20/g, '+') : e;
  };
  const text = url.parts.map((p) => (p.kind === 'lit' ? p.text : '')).join('');
  let out = url;
  let sep = text.includes('?') ? '&' : '?';
  for (const [k, v] of entries) {
    out = concatWords(out, litWord(sep + enc(k) + '='), { parts: v.parts.map((p) => (p.kind === 'lit' ? lit(enc(p.text)) : p)) });
    sep = '&';
  }
  return out;
}

/** Sets a header, replacing one of the same name (names compare case-insensitively). */
export function setHeader(headers: Header[], name: string, value: Word): void {
  const i = headers.findIndex((h) => h.name.toLowerCase() === name.toLowerCase());
  if (i >= 0) headers[i] = { name, value };
  else headers.push({ name, value });
}
