// Key shapes: the one table of key formats (grammar/key-shapes.yaml) compiled
// to regexes, plus entropy. The regexes here and the test-side key generator
// (test/helpers/key-gen.mjs, never shipped) both derive from the same `parts`
// and `charsets`, so they always agree; production code generates no keys.
// Lowest layer: imports only generated data.
import shapesData from '../generated/key-shapes.js';

/** Each charset's regex class body, from the key-shape table. */
const CHARSETS: Record<string, string> = shapesData.charsets;

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface CompiledShape {
  id: string;
  vendor: string | null;
  prefix: string;
  anchored: RegExp;
  minEntropy: number;
  /** The longest key this shape matches. */
  maxLen: number;
  /** The shortest key this shape matches. */
  minLen: number;
  /** A catch-all shape (a part with a length range, e.g. `sk-` + 20-200 chars): needs a left boundary and a random-looking body. */
  catchAll: boolean;
  /** For a shape that is one charset part (prefix-less hex keys): its class and lengths. */
  charsetRun: { cls: string; lens: number[] } | null;
}

function shapeSource(parts: (typeof shapesData.shapes)[number]['parts']): string {
  return parts
    .map((p) => {
      if ('lit' in p) return escapeRe(p.lit);
      const cls = `[${CHARSETS[p.charset]}]`;
      if (p.range) return `${cls}{${p.range[0]},${p.range[1]}}`;
      const lens = p.len ?? [1];
      return lens.length === 1 ? `${cls}{${lens[0]}}` : `(?:${lens.map((n) => `${cls}{${n}}`).join('|')})`;
    })
    .join('');
}

export const SHAPES: CompiledShape[] = shapesData.shapes.map((s) => {
  const src = shapeSource(s.parts);
  const first = s.parts[0];
  const prefix = 'lit' in first ? first.lit : '';
  return {
    id: s.id,
    vendor: s.vendor,
    prefix,
    anchored: new RegExp(`^(?:${src})$`),
    minEntropy: s.min_entropy ?? 2.5,
    catchAll: s.parts.some((p) => !('lit' in p) && !!p.range && p.range[1] - p.range[0] > 30),
    maxLen: s.parts.reduce((n, p) => n + ('lit' in p ? p.lit.length : p.range ? p.range[1] : Math.max(...(p.len ?? [1]))), 0),
    minLen: s.parts.reduce((n, p) => n + ('lit' in p ? p.lit.length : p.range ? p.range[0] : Math.min(...(p.len ?? [1]))), 0),
    charsetRun: s.parts.length === 1 && !('lit' in first) && first.len ? { cls: CHARSETS[first.charset], lens: first.len } : null,
  };
});

const COUNTS = new Int32Array(128);

/** Shannon entropy in bits per character. Linear, allocation-free for ASCII. */
export function entropy(s: string): number {
  if (!s.length) return 0;
  let ascii = true;
  for (let i = 0; i < s.length && ascii; i++) if (s.charCodeAt(i) >= 128) ascii = false;
  let h = 0;
  if (ascii) {
    COUNTS.fill(0);
    for (let i = 0; i < s.length; i++) COUNTS[s.charCodeAt(i)]++;
    for (let c = 0; c < 128; c++) {
      if (!COUNTS[c]) continue;
      const p = COUNTS[c] / s.length;
      h -= p * Math.log2(p);
    }
    return h;
  }
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

export function matchShape(v: string): CompiledShape | null {
  // Index loops here and in the other per-parse scans: no iterator objects before the JIT optimises them.
  for (let i = 0; i < SHAPES.length; i++) {
    const s = SHAPES[i];
    // The anchored pattern starts with the literal prefix: a cheap test first.
    if (s.prefix && !v.startsWith(s.prefix)) continue;
    if (!s.anchored.test(v)) continue;
    const body = s.prefix ? v.slice(s.prefix.length) : v;
    if (entropy(body) >= s.minEntropy) return s;
  }
  return null;
}
