// Scan: finds key-shaped tokens anywhere in a text (comments and prose
// included): shape matches from the key table, and long tokens right after a
// credential word.
import { SHAPES, entropy } from './shapes.js';
import { classifyCredential, isStrongPlaceholder } from './classify.js';

export interface FoundSecret {
  value: string;
  line: number;
  shape: string;
  vendor: string | null;
}

/** Finds key-shaped tokens anywhere in the text (comments and prose included). */
export function scanText(text: string): FoundSecret[] {
  const found: FoundSecret[] = [];
  const seen = new Set<string>();
  for (const s of SHAPES) {
    if (!s.scan) continue;
    s.scan.lastIndex = 0;
    for (let m = s.scan.exec(text); m; m = s.scan.exec(text)) {
      const v = m[0];
      if (seen.has(v) || isStrongPlaceholder(v)) continue;
      if (entropy(v.slice(s.prefix.length)) < s.minEntropy) continue;
      seen.add(v);
      found.push({ value: v, line: lineOf(text, m.index), shape: s.id, vendor: s.vendor });
    }
  }
  // Context-keyed: a long token right after "key", "token", "secret" or "Bearer".
  const ctx = /(?:api[_-]?key|apikey|token|secret|bearer|authorization|x-api-key|api-key|password)["'\s]*[:=]?\s*["']?(?:Bearer\s+)?([A-Za-z0-9_\-.~+/=]{20,256})/gi;
  for (let m = ctx.exec(text); m; m = ctx.exec(text)) {
    const v = m[1].replace(/[.=]+$/, '');
    if (seen.has(v) || v.length < 20) continue;
    const c = classifyCredential(v);
    if (c.kind !== 'secret') continue;
    if (!/[0-9]/.test(v) || !/[A-Za-z]/.test(v) || entropy(v) < 3.0) continue;
    seen.add(v);
    found.push({ value: v, line: lineOf(text, m.index), shape: c.shape ?? 'generic', vendor: c.vendor });
  }
  return found;
}

function lineOf(text: string, offset: number): number {
  let n = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}


/** Key-shaped tokens in `text` (prefix-bearing shapes only, above their entropy floor). */
function* keyTokens(text: string): Generator<{ token: string; shape: (typeof SHAPES)[number] }> {
  for (const s of SHAPES) {
    if (!s.scan) continue;
    for (const m of text.matchAll(s.scan))
      if (entropy(m[0].slice(s.prefix.length)) >= s.minEntropy && !isStrongPlaceholder(m[0])) yield { token: m[0], shape: s };
  }
}

export interface KeyHit {
  /** Shape id from grammar/key-shapes.yaml. */
  shape: string;
  /** Vendor that issues keys of this shape, when known. */
  vendor: string | null;
}

/** The first key-shaped token in `text`, or null. Never returns the token itself. */
export function findKeyShaped(text: string): KeyHit | null {
  for (const { shape } of keyTokens(text)) return { shape: shape.id, vendor: shape.vendor };
  return null;
}

/** `text` with every key-shaped token replaced: for messages that quote user input. */
export function redactKeys(text: string): string {
  let out = text;
  for (const { token } of keyTokens(text)) out = out.split(token).join('[key-shaped value]');
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
