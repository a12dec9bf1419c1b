// Scrub: removes secrets from strings and JSON values.
// Guarantee: `scrub` removes from any JSON value every 8-character window of
// every secret it is given, so not even a prefix or suffix of a key survives.
// Linear: the windows of all secrets go in one set, and each output string is
// checked window by window, whatever the number of secrets: a rolling hash of
// each window is first looked up in a bitmap of the windows' hashes, and only
// a window whose hash is in it is cut out and looked up in the set (a long
// output with no secret in it costs one multiply per character).

export const REDACTED = '<redacted>';
export const WINDOW = 8;

/** Rolling hash of 8 UTF-16 code units: h = sum c[i] * B^(7-i), mod 2^32. */
const B = 0x01000193;
let B7 = 1;
for (let i = 0; i < WINDOW - 1; i++) B7 = Math.imul(B7, B);
const BITS = 18;
const slot = (h: number) => (h ^ (h >>> BITS)) & ((1 << BITS) - 1);
function hashAt(s: string, at: number): number {
  let h = 0;
  for (let i = at; i < at + WINDOW; i++) h = (Math.imul(h, B) + s.charCodeAt(i)) | 0;
  return h;
}

/** The 8-character windows of a set of secrets, plus the short (4-7 char) secrets, matched whole. */
export class SecretWindows {
  readonly windows = new Set<string>();
  readonly short = new Set<string>();
  /** One bit per slot of a window's rolling hash: a clear bit means no window has that hash. */
  private hashes: Uint8Array | null = null;

  add(secret: string): void {
    const k = secret.trim();
    if (k.length < 4) return;
    if (k.length < WINDOW) {
      this.short.add(k);
      return;
    }
    for (let w = 0; w + WINDOW <= k.length; w++) {
      this.windows.add(k.slice(w, w + WINDOW));
      const n = slot(hashAt(k, w));
      this.hashes ??= new Uint8Array(1 << (BITS - 3));
      this.hashes[n >>> 3] |= 1 << (n & 7);
    }
  }

  get empty(): boolean {
    return !this.windows.size && !this.short.size;
  }

  /** Replaces, in one string, every stretch that shares an 8-char window with a secret (or holds a short one). */
  scrubString(s: string): string {
    if (this.empty || s.length < 4) return s;
    let cover: Uint8Array | null = null;
    const hashes = this.hashes;
    if (hashes && s.length >= WINDOW) {
      let h = hashAt(s, 0);
      for (let i = 0; i + WINDOW <= s.length; i++) {
        if (i > 0) h = (Math.imul(h - Math.imul(s.charCodeAt(i - 1), B7), B) + s.charCodeAt(i + WINDOW - 1)) | 0;
        const n = slot(h);
        if (!(hashes[n >>> 3] & (1 << (n & 7))) || !this.windows.has(s.slice(i, i + WINDOW))) continue;
        cover ??= new Uint8Array(s.length);
        cover.fill(1, i, i + WINDOW);
      }
    }
    for (const k of this.short)
      for (let i = s.indexOf(k); i >= 0; i = s.indexOf(k, i + 1)) {
        cover ??= new Uint8Array(s.length);
        cover.fill(1, i, i + k.length);
      }
    if (!cover) return s;
    let out = '';
    for (let i = 0; i < s.length; ) {
      if (cover[i]) {
        out += REDACTED;
        while (i < s.length && cover[i]) i++;
      } else {
        const j = cover.indexOf(1, i);
        const end = j < 0 ? s.length : j;
        out += s.slice(i, end);
        i = end;
      }
    }
    return out;
  }

  /** Deep-scrubs a JSON value (object keys included); depth-limited, never recursing without bound. */
  scrub<T>(value: T): T {
    if (this.empty) return value;
    // Index loops over Object.keys (the order of Object.entries): no entry arrays or callbacks.
    const walk = (v: unknown, depth: number): unknown => {
      if (typeof v === 'string') return this.scrubString(v);
      if (depth > 200 || !v || typeof v !== 'object') return v;
      if (Array.isArray(v)) {
        const a: unknown[] = [];
        for (let i = 0; i < v.length; i++) a.push(walk(v[i], depth + 1));
        return a;
      }
      const o: Record<string, unknown> = {};
      const src = v as Record<string, unknown>;
      const keys = Object.keys(src);
      for (let i = 0; i < keys.length; i++) o[this.scrubString(keys[i])] = walk(src[keys[i]], depth + 1);
      return o;
    };
    return walk(value, 0) as T;
  }
}

function windowsOf(secrets: readonly string[]): SecretWindows {
  const w = new SecretWindows();
  for (const s of secrets) w.add(s);
  return w;
}

/** Replaces, in one string, every stretch that shares an 8-char window with a secret. */
export function scrubString(s: string, secrets: readonly string[]): string {
  if (!secrets.length) return s;
  return windowsOf(secrets).scrubString(s);
}

/** Deep-scrubs a JSON value (keys included). */
export function scrub<T>(value: T, secrets: readonly string[]): T {
  if (!secrets.length) return value;
  return windowsOf(secrets).scrub(value);
}
