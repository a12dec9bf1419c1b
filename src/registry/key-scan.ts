// Key-shaped values: regexes built from grammar/key-shapes.yaml, used by the
// registry to refuse an entry that carries a key anywhere. Only shapes that
// start with a literal prefix (`sk-`, `xai-`, `AIza`...) are used here, so a
// hex model id or a commit hash is never mistaken for a key. The shapes are
// compiled once, in src/extract/secrets.ts, from the same data file.
import { SHAPES, entropy, isStrongPlaceholder } from '../extract/secrets.js';

export { entropy };

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
