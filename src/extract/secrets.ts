// Secrets: tells a pasted key from a placeholder, finds key-shaped tokens
// anywhere in a paste, and scrubs them from every output.
// Knowledge lives in data: grammar/key-shapes.yaml (formats; the regexes here
// and the test generator in test/helpers/keys.ts both derive from `parts`)
// and grammar/placeholders.yaml. Method: shared/research/secrets.md §4.
// Guarantee: `scrub` removes from any JSON value every 8-character window of
// every secret it is given, so not even a prefix or suffix of a key survives.
import shapesData from '../generated/key-shapes.js';
import placeholderData from '../generated/placeholders.js';

const CHARSETS: Record<string, string> = {
  alnum: 'A-Za-z0-9',
  hex: '0-9a-fA-F',
  lowerhex: '0-9a-f',
  base64url: 'A-Za-z0-9_-',
  'lower-alnum': 'a-z0-9',
  word: 'A-Za-z0-9_',
};

/** The characters of a charset, for generators. */
export function charsetChars(name: string): string {
  const spec = CHARSETS[name] ?? CHARSETS.alnum;
  let out = '';
  for (let i = 0; i < spec.length; i++) {
    if (spec[i + 1] === '-' && i + 2 < spec.length) {
      for (let c = spec.charCodeAt(i); c <= spec.charCodeAt(i + 2); c++) out += String.fromCharCode(c);
      i += 2;
    } else out += spec[i];
  }
  return out;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface CompiledShape {
  id: string;
  vendor: string | null;
  prefix: string;
  anchored: RegExp;
  /** Unanchored, with word boundaries; only for shapes that start with a literal prefix. */
  scan: RegExp | null;
  minEntropy: number;
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
    scan: prefix.length >= 3 ? new RegExp(`(?<![A-Za-z0-9_-])(?:${src})(?![A-Za-z0-9_-])`, 'g') : null,
    minEntropy: s.min_entropy ?? 2.5,
  };
});

const PLACEHOLDERS = placeholderData.patterns.map((p) => new RegExp(p, 'i'));
const ENV_NAME_LITERAL = new RegExp(placeholderData.env_name);
const STRONG = placeholderData.strong_patterns.map((p) => new RegExp(p, 'i'));
const DUMMY = new Set(placeholderData.dummy_keys.map((k) => k.toLowerCase()));

/** Shannon entropy in bits per character. */
export function entropy(s: string): number {
  if (!s.length) return 0;
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

export type KeyClass =
  | { kind: 'empty' }
  | { kind: 'dummy' }
  | { kind: 'placeholder'; likely_env?: string }
  | { kind: 'secret'; shape: string | null; vendor: string | null };

/** Strips quotes, an auth scheme and punctuation around a credential value. */
export function normaliseCredential(v: string): string {
  return v
    .trim()
    .replace(/^["'`]|["'`]$/g, '')
    .replace(/^(Bearer|Token|Basic|Api-Key|Key)\s+/i, '')
    .replace(/[,;]+$/, '')
    .trim();
}

export function matchShape(v: string): CompiledShape | null {
  for (const s of SHAPES) {
    if (!s.anchored.test(v)) continue;
    const body = s.prefix ? v.slice(s.prefix.length) : v;
    if (entropy(body) >= s.minEntropy) return s;
  }
  return null;
}

/** For shape-valid values: only template markers, elisions, long runs or sequences make them placeholders. */
export function isStrongPlaceholder(v: string): boolean {
  return STRONG.some((re) => re.test(v));
}

export function isPlaceholder(v: string): boolean {
  return ENV_NAME_LITERAL.test(v) || PLACEHOLDERS.some((re) => re.test(v));
}

/** The variable a placeholder such as `<TOGETHER_API_KEY>` or `"GEMINI_API_KEY"` points at. */
function likelyEnv(v: string): string | undefined {
  // <YOUR_XAI_API_KEY> / YOUR_GROQ_API_KEY_HERE point at XAI_API_KEY / GROQ_API_KEY.
  const inner = v.replace(/^[<[{$%(]+|[>\]}%)]+$/g, '').replace(/^\$\{?|\}$/g, '').replace(/^(YOUR|MY)_/i, '').replace(/_HERE$/i, '');
  const generic = /^(API_KEY|API_TOKEN|ACCESS_TOKEN|SECRET_KEY|AUTH_TOKEN|ACCESS_KEY)$/;
  return ENV_NAME_LITERAL.test(inner) && /KEY|TOKEN|SECRET/.test(inner) && !generic.test(inner) ? inner : undefined;
}

/**
 * Classifies a value found at a credential site (auth header, api_key=, ?key=).
 * Conservative: anything that is neither empty, a dummy nor a placeholder and
 * is long enough to be a key counts as a secret.
 */
export function classifyCredential(raw: string): KeyClass {
  const v = normaliseCredential(raw);
  if (!v) return { kind: 'empty' };
  if (DUMMY.has(v.toLowerCase())) return { kind: 'dummy' };
  const shape = matchShape(v);
  if (shape && !isStrongPlaceholder(v)) return { kind: 'secret', shape: shape.id, vendor: shape.vendor };
  if (isPlaceholder(v) || /\s/.test(v)) return { kind: 'placeholder', likely_env: likelyEnv(v) };
  if (v.length >= 8 && /[0-9]/.test(v) && /[A-Za-z]/.test(v)) return { kind: 'secret', shape: null, vendor: null };
  if (v.length >= 16 && entropy(v) >= 3.0) return { kind: 'secret', shape: null, vendor: null };
  return { kind: 'placeholder', likely_env: likelyEnv(v) };
}

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

export const REDACTED = '<redacted>';
const WINDOW = 8;

/** Replaces, in one string, every stretch that shares an 8-char window with a secret. */
export function scrubString(s: string, secrets: readonly string[]): string {
  if (!secrets.length || s.length < WINDOW) return s;
  const cover = new Uint8Array(s.length);
  let any = false;
  for (const k of secrets) {
    if (k.length < WINDOW) {
      if (k.length >= 4) for (let i = s.indexOf(k); i >= 0; i = s.indexOf(k, i + 1)) {
        cover.fill(1, i, i + k.length);
        any = true;
      }
      continue;
    }
    for (let w = 0; w + WINDOW <= k.length; w++) {
      const win = k.slice(w, w + WINDOW);
      for (let i = s.indexOf(win); i >= 0; i = s.indexOf(win, i + 1)) {
        cover.fill(1, i, i + WINDOW);
        any = true;
      }
    }
  }
  if (!any) return s;
  let out = '';
  for (let i = 0; i < s.length; ) {
    if (cover[i]) {
      out += REDACTED;
      while (i < s.length && cover[i]) i++;
    } else out += s[i++];
  }
  return out;
}

/** Deep-scrubs a JSON value (keys included). */
export function scrub<T>(value: T, secrets: readonly string[]): T {
  if (!secrets.length) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return scrubString(v, secrets);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const o: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) o[scrubString(k, secrets)] = walk(x);
      return o;
    }
    return v;
  };
  return walk(value) as T;
}

/**
 * Builds a fresh key of the given shape from random bytes. Tests and the
 * fixture script use it to expand `{{KEY:shape}}` markers at run time, so no
 * realistic key is ever committed.
 */
export function generateKey(shapeId: string, random: () => number = Math.random): string {
  const shape = shapesData.shapes.find((s) => s.id === shapeId);
  if (!shape) throw new Error(`unknown key shape ${shapeId}`);
  let out = '';
  for (const p of shape.parts) {
    if ('lit' in p) {
      out += p.lit;
      continue;
    }
    const chars = charsetChars(p.charset);
    const lens = p.len ?? [1];
    const n = p.range ? p.range[0] + Math.floor(random() * (p.range[1] - p.range[0] + 1)) : lens[Math.floor(random() * lens.length)];
    for (let i = 0; i < n; i++) out += chars[Math.floor(random() * chars.length)];
  }
  return out;
}

/** Replaces every `{{KEY:shape}}` marker with a generated key; returns the text and the keys used. */
export function expandKeyMarkers(text: string, random: () => number = Math.random): { text: string; keys: string[] } {
  const keys: string[] = [];
  const out = text.replace(/\{\{KEY:([a-z0-9-]+)\}\}/g, (_m, id: string) => {
    const k = generateKey(id, random);
    keys.push(k);
    return k;
  });
  return { text: out, keys };
}
