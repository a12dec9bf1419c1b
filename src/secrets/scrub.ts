// Scrub: removes secrets from strings and JSON values.
// Guarantee: `scrub` removes from any JSON value every 8-character window of
// every secret it is given, so not even a prefix or suffix of a key survives.
// Linear: the windows of all secrets go in one table, and each output string
// is checked window by window, whatever the number of secrets: a rolling hash
// of each window is first looked up in a bitmap of the windows' hashes, and
// only a window whose hash is in it is looked up in the table (a long output
// with no secret in it costs one multiply per character). The bitmap grows
// with the table (8 bits per slot): a call's table of one key is a few
// hundred bytes, where a fixed 32 KB bitmap once cost each parse an
// off-heap allocation the collector tracks (and, in a loop, GCs).
// The table holds no string per window: each entry is the window's hash and
// where it sits in a secret kept once (an index and an offset, in typed
// arrays), and a lookup compares the 8 characters there. A paste of thousands
// of keys once spent most of its time making a string of each window and
// hashing it into a Set, twice (the call's secrets and the process memory).

export const REDACTED = '<redacted>';
export const WINDOW = 8;

/**
 * Rolling hash of 8 UTF-16 code units: h = sum c[i] * B^(7-i), mod 2^32. B is
 * odd and drawn per process: a paste cannot be made of windows that share a
 * hash (each would cost a probe of all the others: quadratic).
 */
const B = ((Math.random() * 2 ** 32) | 1) >>> 0;
let B7 = 1;
for (let i = 0; i < WINDOW - 1; i++) B7 = Math.imul(B7, B);
/** The bitmap slot of a hash, for a bitmap of 2^bits bits. */
const slot = (h: number, bits: number) => (h ^ (h >>> bits)) & ((1 << bits) - 1);
function hashAt(s: string, at: number): number {
  let h = 0;
  for (let i = at; i < at + WINDOW; i++) h = (Math.imul(h, B) + s.charCodeAt(i)) | 0;
  return h;
}
/** The hash of the window at `i + 1`, from `h`, the hash of the window at `i`. */
const roll = (s: string, i: number, h: number) => (Math.imul(h - Math.imul(s.charCodeAt(i), B7), B) + s.charCodeAt(i + WINDOW)) | 0;

/** The arrays of a table with no window yet (shared, never written: the first window grows the table). */
const NONE = new Int32Array(0);
const NO_BITS = new Uint8Array(0);

/** The 8-character windows of a set of secrets, plus the short (4-7 char) secrets, matched whole. */
export class SecretWindows {
  readonly short = new Set<string>();
  /** One bit per slot of a window's rolling hash (8 per table slot): a clear bit means no window has that hash. */
  private hashes = NO_BITS;
  /** log2 of the bitmap's bits. */
  private bits = 0;
  /** The secrets whose windows are in the table, each once. */
  private readonly texts: string[] = [];
  /** Per distinct window: its hash, the index of a secret holding it in `texts`, and its offset there. */
  private hash = NONE;
  private text = NONE;
  private offset = NONE;
  /** Open addressing: entry index + 1 per slot, 0 for an empty slot; the capacity is a power of two, at most half full. */
  private table = NONE;
  /** How many distinct windows the table holds. */
  private count = 0;
  get size(): number {
    return this.count;
  }

  add(secret: string): void {
    const k = secret.trim();
    if (k.length < 4) return;
    if (k.length < WINDOW) {
      this.short.add(k);
      return;
    }
    const t = this.texts.length;
    let used = false;
    let h = hashAt(k, 0);
    for (let w = 0; w + WINDOW <= k.length; w++) {
      if (w > 0) h = roll(k, w - 1, h);
      if ((this.count + 1) * 2 > this.table.length) this.grow();
      const p = this.probe(k, w, h);
      if (p >= 0) continue;
      if (!used) {
        this.texts.push(k);
        used = true;
      }
      const e = this.count++;
      this.hash[e] = h;
      this.text[e] = t;
      this.offset[e] = w;
      this.table[-p - 1] = e + 1;
      const n = slot(h, this.bits);
      this.hashes[n >>> 3] |= 1 << (n & 7);
    }
  }

  /** Whether the window of `s` at `i` is a window of a secret. */
  hasWindow(s: string, i: number): boolean {
    return i >= 0 && i + WINDOW <= s.length && this.count > 0 && this.probe(s, i, hashAt(s, i)) >= 0;
  }

  /** The table slot a hash starts its probe at: the high bits of a multiplicative hash. */
  private start(h: number): number {
    return Math.imul(h, 0x9e3779b1) >>> this.shift;
  }
  private shift = 32;

  /**
   * The slot of the window of `s` at `i` (whose hash is `h`) when the table
   * holds it, else -(the empty slot where it goes) - 1. The table is never full.
   */
  private probe(s: string, i: number, h: number): number {
    const table = this.table;
    const mask = table.length - 1;
    for (let p = this.start(h); ; p = (p + 1) & mask) {
      const e = table[p] - 1;
      if (e < 0) return -p - 1;
      if (this.hash[e] !== h) continue;
      const t = this.texts[this.text[e]];
      const o = this.offset[e];
      let j = 0;
      while (j < WINDOW && t.charCodeAt(o + j) === s.charCodeAt(i + j)) j++;
      if (j === WINDOW) return p;
    }
  }

  /** Doubles the table (and the entry arrays and the bitmap), re-placing every entry. */
  private grow(): void {
    const cap = Math.max(64, this.table.length * 2);
    const widen = (a: Int32Array) => {
      const b = new Int32Array(cap >> 1);
      b.set(a.subarray(0, this.count));
      return b;
    };
    this.hash = widen(this.hash);
    this.text = widen(this.text);
    this.offset = widen(this.offset);
    this.table = new Int32Array(cap);
    this.shift = 32 - Math.log2(cap);
    this.hashes = new Uint8Array(cap);
    this.bits = Math.log2(cap) + 3;
    const mask = cap - 1;
    for (let e = 0; e < this.count; e++) {
      const h = this.hash[e];
      let p = this.start(h);
      while (this.table[p]) p = (p + 1) & mask;
      this.table[p] = e + 1;
      const n = slot(h, this.bits);
      this.hashes[n >>> 3] |= 1 << (n & 7);
    }
  }

  get empty(): boolean {
    return !this.count && !this.short.size;
  }

  /** Replaces, in one string, every stretch that shares an 8-char window with a secret (or holds a short one). */
  scrubString(s: string): string {
    if (this.empty || s.length < 4) return s;
    let cover: Uint8Array | null = null;
    const hashes = this.hashes;
    const bits = this.bits;
    if (this.count > 0 && s.length >= WINDOW) {
      let h = hashAt(s, 0);
      for (let i = 0; i + WINDOW <= s.length; i++) {
        if (i > 0) h = roll(s, i - 1, h);
        const n = slot(h, bits);
        if (!(hashes[n >>> 3] & (1 << (n & 7))) || this.probe(s, i, h) < 0) continue;
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
