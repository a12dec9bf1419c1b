// Key-shaped values: regexes built from grammar/key-shapes.yaml, used by the
// registry to refuse an entry that carries a key anywhere. Only shapes that
// start with a literal prefix (`sk-`, `xai-`, `AIza`...) are used here, so a
// hex model id or a commit hash is never mistaken for a key. (The extractor
// keeps its own, wider detector; the two share the data file.)
import keyShapes from '../generated/key-shapes.js';

const CHARSETS: Record<string, string> = {
  alnum: 'A-Za-z0-9',
  hex: '0-9A-Fa-f',
  lowerhex: '0-9a-f',
  base64url: 'A-Za-z0-9_\\-',
  'lower-alnum': 'a-z0-9',
  word: 'A-Za-z0-9_',
};

interface Shape {
  id: string;
  vendor: string | null;
  re: RegExp;
  prefix: string;
  minEntropy: number;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

function compile(): Shape[] {
  const shapes: Shape[] = [];
  for (const s of keyShapes.shapes) {
    const first = s.parts[0];
    if (!('lit' in first) || first.lit.length < 3) continue;
    const body = s.parts
      .map((p) => {
        if ('lit' in p) return escape(p.lit);
        const cs = `[${CHARSETS[p.charset]}]`;
        if (p.range) return `${cs}{${p.range[0]},${p.range[1]}}`;
        const lens = p.len ?? [1];
        return lens.length === 1 ? `${cs}{${lens[0]}}` : `(?:${lens.map((n) => `${cs}{${n}}`).join('|')})`;
      })
      .join('');
    shapes.push({
      id: s.id,
      vendor: s.vendor,
      re: new RegExp(`(?<![A-Za-z0-9_-])${body}(?![A-Za-z0-9_-])`),
      prefix: first.lit,
      minEntropy: s.min_entropy ?? 2.5,
    });
  }
  return shapes;
}

let compiled: Shape[] | undefined;

/** Shannon entropy in bits per character. */
export function entropy(s: string): number {
  if (!s) return 0;
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

export interface KeyHit {
  /** Shape id from grammar/key-shapes.yaml. */
  shape: string;
  /** Vendor that issues keys of this shape, when known. */
  vendor: string | null;
}

/** The first key-shaped token in `text`, or null. Never returns the token itself. */
export function findKeyShaped(text: string): KeyHit | null {
  compiled ??= compile();
  for (const s of compiled) {
    const m = s.re.exec(text);
    if (m && entropy(m[0].slice(s.prefix.length)) >= s.minEntropy) return { shape: s.id, vendor: s.vendor };
  }
  return null;
}

/** `text` with every key-shaped token replaced: for messages that quote user input. */
export function redactKeys(text: string): string {
  compiled ??= compile();
  let out = text;
  for (const s of compiled) {
    out = out.replace(new RegExp(s.re.source, 'g'), (m) => (entropy(m.slice(s.prefix.length)) >= s.minEntropy ? '[key-shaped value]' : m));
  }
  return out;
}

/** Walks strings and object keys of a JSON-like value; returns the dotted path of the first key-shaped one. */
export function findKeyInValue(value: unknown, path = ''): { path: string; hit: KeyHit } | null {
  if (typeof value === 'string') {
    const hit = findKeyShaped(value);
    return hit ? { path, hit } : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const r = findKeyInValue(value[i], `${path}[${i}]`);
      if (r) return r;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const p = path ? `${path}.${k}` : k;
      const hk = findKeyShaped(k);
      if (hk) return { path: path ? `${path} (a field name)` : '(a field name)', hit: hk };
      const r = findKeyInValue(v, p);
      if (r) return r;
    }
  }
  return null;
}
