// Scan: finds key-shaped tokens anywhere in a text (comments and prose
// included): shape matches from the key table, and long tokens right after a
// credential word.
// Guarantees:
// - Linear time: candidate positions come from one literal-prefix search (or
//   one character-class run search for prefix-less shapes); each candidate is
//   then checked with a sticky, bounded pattern. No pattern can rescan or
//   backtrack over an unbounded run, so 256 KiB of spaces, quotes or keys
//   costs a few milliseconds.
// - A shape match needs no boundary on its left: `/bot<key>/`, `key-<key>`
//   and `id_<key>` are found. Prefix-less shapes (32/64 hex) must be a whole
//   run of their charset, so a commit hash or a longer hex run is not a key.
// - A key split by spaces, NBSP or string quotes (`"gsk_abc" "def..."`) is
//   found when its pieces joined match a shape; each piece is reported.
// - The context rule (a long token after `api_key`, `token`, `Bearer`...) never
//   takes structure for a key: hosts, URLs, paths and model ids are skipped,
//   a credential word glued to a following letter (`tokenfactory`) is no
//   credential word, and inside a URL path nothing is a key by context.
import { SHAPES, entropy, type CompiledShape } from './shapes.js';
import { classifyCredential, isStrongPlaceholder } from './classify.js';
import { trimEndOf } from '../text.js';

export interface FoundSecret {
  /** The key (joined, when it was split). */
  value: string;
  line: number;
  shape: string;
  vendor: string | null;
  /** The pieces as they stand in the text, when the key was split across strings or spaces. */
  pieces?: string[];
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Prefix-bearing shapes, with a sticky variant of their anchored pattern. */
interface StickyShape {
  shape: CompiledShape;
  sticky: RegExp;
  maxLen: number;
}

const PREFIXED: StickyShape[] = SHAPES.filter((s) => s.prefix.length >= 2).map((s) => ({
  shape: s,
  sticky: new RegExp(s.anchored.source.replace(/^\^/, '').replace(/\$$/, ''), 'y'),
  maxLen: s.maxLen,
}));
const PREFIX_RE = new RegExp([...new Set(PREFIXED.map((p) => p.shape.prefix))].sort((a, b) => b.length - a.length).map(escapeRe).join('|'), 'g');

/** Prefix-less shapes made of one charset part (hex keys): whole runs of that charset of an exact length. */
interface RunShape {
  shape: CompiledShape;
  /** Whether a character code is in the class. */
  member: (c: number) => boolean;
  /** The class: shapes of one class share their runs. */
  cls: string;
  lens: Set<number>;
  /** The shortest key of the shape: a shorter text holds none, whole or split. */
  minLen: number;
  /** okLen[n] is 1 when a whole run of n characters can be a key: one of `lens`, or one glued to a few more (gluedRun). */
  okLen: Uint8Array;
}
const RUN_SHAPES: RunShape[] = SHAPES.filter((s) => s.prefix.length < 2 && s.charsetRun).map((s) => ({
  shape: s,
  // 4+: a shorter run is neither a key nor a piece of a split one (the loops below skip it), and most runs are short.
  member: classTable(s.charsetRun!.cls),
  cls: s.charsetRun!.cls,
  minLen: Math.min(...s.charsetRun!.lens),
  lens: new Set(s.charsetRun!.lens),
  okLen: okLengths(new Set(s.charsetRun!.lens)),
}));

/** Which characters a character class (`0-9a-f`) holds: a table for ASCII, the class itself for the rest. */
function classTable(cls: string): (c: number) => boolean {
  const one = new RegExp(`^[${cls}]$`);
  const ascii = new Uint8Array(128);
  for (let c = 0; c < 128; c++) ascii[c] = one.test(String.fromCharCode(c)) ? 1 : 0;
  return (c) => (c < 128 ? ascii[c] === 1 : one.test(String.fromCharCode(c)));
}

/**
 * The runs of 4 or more characters of a class in `text`, as flat [from, to, ...], maximal and
 * in order. A run of 4 or more holds one of any 4 consecutive positions, so only every 4th
 * character is tested until one is in the class; the run around it is then walked both ways.
 * About n/4 tests for a text with few runs: cheap both before the JIT optimises this loop (a
 * test of every character cost ~200 instructions each there) and after (no match objects).
 */
export function runsIn(text: string, member: (c: number) => boolean): number[] {
  const runs: number[] = [];
  const n = text.length;
  let i = 3;
  while (i < n) {
    if (!member(text.charCodeAt(i))) {
      i += 4;
      continue;
    }
    let from = i;
    while (from > 0 && member(text.charCodeAt(from - 1))) from--;
    let to = i + 1;
    while (to < n && member(text.charCodeAt(to))) to++;
    if (to - from >= 4) runs.push(from, to);
    // text[to] is not in the class: the next run starts after it, and holds to + 4 or a later tested position.
    i = to + 4;
  }
  return runs;
}

function okLengths(lens: Set<number>): Uint8Array {
  const ok = new Uint8Array(Math.max(...lens) + 8);
  for (let n = 0; n < ok.length; n++) ok[n] = lens.has(n) || gluedRun(n, lens) ? 1 : 0;
  return ok;
}

/** Characters a key body may hold (the union of the shape charsets): A-Z a-z 0-9 _ -. */
function isKeyChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45;
}
/** What may sit between the pieces of a split key: spaces, tabs, NBSP, string quotes and `+` concatenation. */
function isSplitChar(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0 || c === 34 || c === 39 || c === 96 || c === 43;
}
const MAX_SPLIT_GAP = 6;
const MAX_PIECES = 4;
const MAX_ATTEMPTS_PER_RUN = 32;
const MAX_KEY = Math.max(...SHAPES.map((s) => s.maxLen));
/** A shorter text holds no key, whole or split (a split key's pieces and gaps are at least as long as the key). */
const MIN_KEY = Math.min(...SHAPES.map((s) => s.minLen));

class Lines {
  private starts: number[] | null = null;
  constructor(private readonly text: string) {}
  at(offset: number): number {
    if (!this.starts) {
      this.starts = [0];
      for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) this.starts.push(i + 1);
    }
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
}

function shapeOk(v: string, s: CompiledShape): boolean {
  return entropy(v.slice(s.prefix.length)) >= s.minEntropy && !isStrongPlaceholder(v);
}

/** The longest shape that matches at `pos`, or null. */
function matchAt(text: string, pos: number): { value: string; shape: CompiledShape } | null {
  let best: { value: string; shape: CompiledShape } | null = null;
  const glued = pos > 0 && /[A-Za-z0-9]/.test(text[pos - 1]);
  for (const p of PREFIXED) {
    if (!text.startsWith(p.shape.prefix, pos)) continue;

    p.sticky.lastIndex = pos;
    const m = p.sticky.exec(text);
    if (!m || (best && m[0].length <= best.value.length) || !shapeOk(m[0], p.shape)) continue;
    // A catch-all shape must look random; glued to a word (`task-specific-...`, a lower-case slug `gsk-...`) it must mix cases and digits.
    const body = m[0].slice(p.shape.prefix.length);
    if (p.shape.catchAll && (looksStructural(body) || (glued && !strictlyRandom(body)))) continue;
    best = { value: m[0], shape: p.shape };
  }
  return best;
}

/** The end of the run of key characters that starts at or before `pos` (cached across calls on one text). */
class Runs {
  private start = -1;
  private end = -1;
  constructor(private readonly text: string) {}
  endOf(pos: number): number {
    if (pos >= this.start && pos < this.end) return this.end;
    let e = pos;
    while (e < this.text.length && isKeyChar(this.text.charCodeAt(e))) e++;
    this.start = pos;
    this.end = e;
    return e;
  }
}

/** A key split into pieces by spaces, NBSP, quotes or `+`, starting at `pos`; the joined key and its pieces. Bounded work. */
function matchSplitAt(text: string, pos: number, runs: Runs): { value: string; shape: CompiledShape; pieces: string[]; end: number } | null {
  const firstEnd = runs.endOf(pos);
  if (firstEnd - pos >= MAX_KEY || !isSplitChar(text.charCodeAt(firstEnd))) return null;
  const spans: [number, number][] = [];
  let joined = '';
  let i = pos;
  let runEnd = firstEnd;
  for (;;) {
    spans.push([i, runEnd]);
    joined += text.slice(i, runEnd);
    if (joined.length >= MAX_KEY || spans.length >= MAX_PIECES) break;
    let j = runEnd;
    while (j < text.length && j - runEnd < MAX_SPLIT_GAP && isSplitChar(text.charCodeAt(j))) j++;
    if (j === runEnd || !isKeyChar(text.charCodeAt(j))) break;
    let next = j;
    while (next < text.length && next - j < MAX_KEY && isKeyChar(text.charCodeAt(next))) next++;
    // A word that names something is no piece of a key: a URL scheme (`https://`), a header or field name (`X-Id:`), `name=`, a call `f(`.
    if (isNameEnd(text.charCodeAt(next))) break;
    i = j;
    runEnd = next;
  }
  if (spans.length < 2) return null;
  const m = matchAt(joined, 0);
  if (!m) return null;
  // A catch-all shape joins only random-looking pieces: never words that happen to follow a key.
  if (m.shape.catchAll && !spans.slice(1).every(([a, b]) => b - a >= 8 && strictlyRandom(text.slice(a, b)))) return null;
  // Keep only the pieces the key covers.
  const pieces: string[] = [];
  let left = m.value.length;
  let end = pos;
  for (const [a, b] of spans) {
    if (left <= 0) break;
    const take = Math.min(b - a, left);
    pieces.push(text.slice(a, a + take));
    end = a + take;
    left -= take;
  }
  return pieces.length > 1 ? { ...m, pieces, end } : null;
}

/** `:` `=` `(` right after a word: the word names something (scheme, header, field, parameter, function). */
function isNameEnd(c: number): boolean {
  return c === 58 || c === 61 || c === 40;
}

function strictlyRandom(p: string): boolean {
  return /[0-9]/.test(p) && /[A-Z]/.test(p) && /[a-z]/.test(p) && !looksStructural(p);
}

/**
 * Letters whose case changes at a third of their neighbours or more (`kQzTbWv`): random
 * base62 does (half of them by chance), words and names do not (`Authorization`,
 * `XMLHttpRequest`). A random piece has no digit about once in 70 at 24 characters.
 */
function caseFlipping(p: string): boolean {
  let flips = 0;
  for (let i = 1; i < p.length; i++) if ((p.charCodeAt(i) < 97) !== (p.charCodeAt(i - 1) < 97)) flips++;
  return flips * 3 >= p.length;
}

/** A piece that extends a key already matched whole must look random (upper, lower and digits, or case that flips often), not like a word or model id. */
function randomPiece(p: string): boolean {
  return p.length < 8 || ((/[0-9]/.test(p) || caseFlipping(p)) && /[A-Z]/.test(p) && /[a-z]/.test(p));
}

/**
 * A whole path segment of a URL (`https://gist.github.com/u/<32 hex>`): an id,
 * not a key; keys in URLs are found only where keys go (userinfo, query, glued
 * to a path word). Bounded look-back.
 */
function inUrlPath(text: string, start: number): boolean {
  if (text[start - 1] !== '/') return false;
  for (let i = start - 1; i >= 0 && start - i < 2048; i--) {
    const c = text.charCodeAt(i);
    if (c <= 32 || c === 34 || c === 39 || c === 96 || c === 60 || c === 62) return false;
    if (text.startsWith('://', i)) return !text.slice(i, start).includes('@') && !text.slice(i, start).includes('?');
  }
  return false;
}

/** Shape matches only (no context rule): what the output safety net uses. */
export function scanShapes(text: string): FoundSecret[] {
  const found: FoundSecret[] = [];
  if (typeof text !== 'string' || text.length < MIN_KEY) return found;
  const lines = new Lines(text);
  const runs = new Runs(text);
  let attemptsRun = -1;
  let attempts = 0;
  const seen = new Set<string>();
  const push = (f: FoundSecret) => {
    if (seen.has(f.value)) return;
    seen.add(f.value);
    found.push(f);
  };
  PREFIX_RE.lastIndex = 0;
  for (let m = PREFIX_RE.exec(text); m; m = PREFIX_RE.exec(text)) {
    const pos = m.index;
    // A run of key characters holding dozens of prefixes (`sk-sk-sk-...`) is filler, not keys: bounded attempts per run.
    const runEnd = runs.endOf(pos);
    if (runEnd === attemptsRun) {
      if (++attempts > MAX_ATTEMPTS_PER_RUN) {
        PREFIX_RE.lastIndex = runEnd;
        continue;
      }
    } else {
      attemptsRun = runEnd;
      attempts = 1;
    }
    const hit = matchAt(text, pos);
    let split = matchSplitAt(text, pos, runs);
    // A key matched whole is extended only by pieces that hold a digit or flip case like random text, whatever shape the join matches
    // (`-H "cf-aig-authorization: Bearer sk-proj-..." -H "Authorization..."` must not swallow the next header).
    if (
      split &&
      hit &&
      (split.value.length <= hit.value.length ||
        (split.shape.id === hit.shape.id && !split.pieces.slice(1).every(randomPiece)) ||
        !split.pieces.slice(1).every((p) => p.length < 8 || /[0-9]/.test(p) || (caseFlipping(p) && randomPiece(p))))
    )
      split = null;
    if (hit && !split) {
      push({ value: hit.value, line: lines.at(pos), shape: hit.shape.id, vendor: hit.shape.vendor });
      PREFIX_RE.lastIndex = pos + hit.value.length;
      continue;
    }
    if (split) {
      push({ value: split.value, line: lines.at(pos), shape: split.shape.id, vendor: split.shape.vendor, pieces: split.pieces });
      PREFIX_RE.lastIndex = Math.max(pos + 1, split.end);
      continue;
    }
    PREFIX_RE.lastIndex = pos + 1;
  }
  // The runs of each class, found once (the hex shapes share theirs), as flat [from, to, from, to...]:
  // a big output holds thousands of short runs, and each costs no more than its match.
  const runsOf = new Map<string, number[]>();
  for (const r of RUN_SHAPES) {
    if (text.length < r.minLen) continue;
    let runs = runsOf.get(r.cls);
    if (!runs) {
      runs = runsIn(text, r.member);
      runsOf.set(r.cls, runs);
    }
    for (let n = 0; n < runs.length; n += 2) {
      const from = runs[n];
      const len = runs[n + 1] - from;
      if (len >= r.okLen.length || !r.okLen[len]) continue;
      const v = text.slice(from, from + len);
      if (!/[0-9]/.test(v) || !/[a-zA-Z]/.test(v) || !shapeOk(v, r.shape)) continue;
      if (inUrlPath(text, from)) continue;
      push({ value: v, line: lines.at(from), shape: r.shape.id, vendor: r.shape.vendor });
    }
    // A prefix-less key split by spaces, NBSP, quotes or `+`: consecutive runs, each holding a digit, joined to an exact length.
    // A run with no split gap before the next one starts no split key (the loop below would stop at its second piece).
    for (let a = 0; a < runs.length; a += 2) {
      if (a + 2 >= runs.length || !splitGap(text, runs[a + 1], runs[a + 2])) continue;
      let joined = '';
      const pieces: string[] = [];
      for (let b = a; b < runs.length && b - a < MAX_PIECES * 2; b += 2) {
        if (b > a && !splitGap(text, runs[b - 1], runs[b])) break;
        const piece = text.slice(runs[b], runs[b + 1]);
        if (piece.length < 4 || !/[0-9]/.test(piece)) break;
        joined += piece;
        pieces.push(piece);
        if (joined.length > MAX_KEY) break;
        if (pieces.length > 1 && r.lens.has(joined.length) && /[a-zA-Z]/.test(joined) && shapeOk(joined, r.shape) && !inUrlPath(text, runs[a])) {
          push({ value: joined, line: lines.at(runs[a]), shape: r.shape.id, vendor: r.shape.vendor, pieces });
          break;
        }
      }
    }
  }
  return found;
}

/**
 * A run 1-7 characters longer than a prefix-less key: the key glued to hex
 * letters before or after it (`abc<key>`, `<key>cafe`). Hashes are 32, 40
 * or 64 long, so these lengths are no hash.
 */
function gluedRun(len: number, lens: Set<number>): boolean {
  for (const l of lens) if (len > l && len - l <= 7) return true;
  return false;
}

/** Whether text[from, to) is 1-6 split characters (spaces, NBSP, quotes, `+`) and nothing else. */
function splitGap(text: string, from: number, to: number): boolean {
  if (to <= from || to - from > MAX_SPLIT_GAP) return false;
  for (let i = from; i < to; i++) if (!isSplitChar(text.charCodeAt(i))) return false;
  return true;
}

/** [A-Za-z0-9] */
function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
/** [:=,] */
function isAssignChar(c: number): boolean {
  return c === 58 || c === 61 || c === 44;
}
const NON_ASCII_SPACE = /\s/;
/** [\s"'`] at text[i] (\s: ASCII blanks, and the Unicode spaces the regex class holds). */
function isBlankOrQuote(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return c === 32 || (c >= 9 && c <= 13) || c === 34 || c === 39 || c === 96;
  return NON_ASCII_SPACE.test(text[i]);
}

/** Words that make the token after them a credential (each must end the word: `tokenfactory` is no credential word). */
const CONTEXT_WORD = /api[_-]?key|apikey|access[_-]?key|subscription[_-]?key|secret|token|bearer|authorization|password|passwd|credentials?/gi;
/** Characters of a context-keyed value: key characters and . ~ + / =. */
function isValueChar(c: number): boolean {
  return isKeyChar(c) || c === 46 || c === 126 || c === 43 || c === 47 || c === 61;
}
const SCHEME = /^(?:Bearer|Token|Basic)[ \t]{1,4}/i;

/**
 * Structure, not a key: a URL, a host name, or a path / model id made of
 * word-like segments (`accounts/fireworks/models/llama-v3p1-8b-instruct`,
 * `moonshotai/Kimi-K2.5-fast`). Only the context rule consults this: shape
 * matches and values at credential sites are keys whatever they look like.
 */
export function looksStructural(v: string): boolean {
  if (/:\/\//.test(v)) return true;
  if (/^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[a-z]{2,24}(?::\d{1,5})?(?:\/.*)?$/.test(v) && !/^[A-Za-z0-9_-]{20,}\./.test(v)) return true;
  const segs = v.split(/[/._:-]+/).filter(Boolean);
  if (segs.length < 2 || !segs.some((s) => /^[A-Za-z]{4,}$/.test(s))) return false;
  return segs.every((s) => WORDY.some((re) => re.test(s)));
}

/** Segments of model ids and paths: words, Capitalised and camel words, acronyms, versions and sizes (v3p1, 8x22B, 70b, 4o), dates. */
const WORDY = [
  /^[a-z]{2,}$/,
  /^([A-Z][a-z]+){1,3}$/,
  /^[A-Z]{2,5}\d{0,2}$/,
  /^[A-Z]\d{1,3}$/,
  /^[A-Za-z]{2,}\d{1,4}[a-z]?$/,
  /^v?\d+(?:[a-z]\d+)*[a-zA-Z]?$/,
  /^[a-z]+[A-Z][a-z]+$/,
  /^[A-Za-z]{1,2}\d{1,4}[A-Za-z]{0,2}$/,
  /^[a-z]$/,
];

/** Finds key-shaped tokens anywhere in the text (comments and prose included). Linear in the text's length. */
export function scanText(text: string): FoundSecret[] {
  if (typeof text === 'string' && openScopes > 0) {
    for (let i = 0; i < scopeTexts.length; i++) if (scopeTexts[i] === text) return scopeFound[i].map(copyFound);
    const found = scanTextOnce(text);
    if (scopeTexts.length < SCOPE_TEXTS) {
      scopeTexts.push(text);
      scopeFound.push(found.map(copyFound));
    }
    return found;
  }
  return scanTextOnce(text);
}

/**
 * A library call scans its input at the output boundary (to remember its keys)
 * and the extractor scans the same text again: within `scanScope(fn)`, a text
 * scanned before is answered from the first scan (the scan is a pure function
 * of the text). Nothing outlives the calls: the memory is dropped when the
 * last open scope closes, so a text given in another call is scanned again.
 */
// The texts scanned in the open scope and what each scan found: a few texts (the input, and the
// text intake made of it), compared with === (the same string objects, mostly), no map to build.
let scopeTexts: string[] = [];
let scopeFound: FoundSecret[][] = [];
const copyFound = (f: FoundSecret): FoundSecret => (f.pieces ? { ...f, pieces: [...f.pieces] } : { ...f });
let openScopes = 0;
const SCOPE_TEXTS = 8;
export async function scanScope<T>(fn: () => Promise<T>): Promise<T> {
  const close = openScanScope();
  try {
    return await fn();
  } finally {
    close();
  }
}

/** Opens a scan scope without a promise; the function returned closes it (once, however often it is called). */
export function openScanScope(): () => void {
  openScopes++;
  let open = true;
  return () => {
    if (!open) return;
    open = false;
    if (--openScopes === 0 && scopeTexts.length) {
      scopeTexts = [];
      scopeFound = [];
    }
  };
}

function scanTextOnce(text: string): FoundSecret[] {
  const found = scanShapes(text);
  if (typeof text !== 'string') return found;
  const seen = new Set(found.map((f) => f.value));
  const lines = new Lines(text);
  CONTEXT_WORD.lastIndex = 0;
  for (let m = CONTEXT_WORD.exec(text); m; m = CONTEXT_WORD.exec(text)) {
    let i = m.index + m[0].length;
    // The word must end here (`tokenfactory` is not `token`) and not sit in a URL path (`/token/...`).
    // (Character codes, not a regex per character: this runs at every credential word of every paste.)
    if (isAlnum(text.charCodeAt(i)) || text.charCodeAt(m.index - 1) === 47 || text.charCodeAt(i) === 47) continue;
    // An identifier tail: `secret_key`, `token-v2` (bounded): [\w.-].
    for (let n = 0; n < 20 && i < text.length && (isKeyChar(text.charCodeAt(i)) || text.charCodeAt(i) === 46); n++) i++;
    for (let n = 0; n < 8 && i < text.length && isBlankOrQuote(text, i); n++) i++;
    if (text.startsWith('=>', i) || text.startsWith(':=', i)) i += 2;
    else if (isAssignChar(text.charCodeAt(i))) i++;
    for (let n = 0; n < 8 && i < text.length && isBlankOrQuote(text, i); n++) i++;
    // (Every scheme starts with b or t: the pattern only where one stands.)
    const s0 = text.charCodeAt(i) | 32;
    const scheme = s0 === 98 || s0 === 116 ? SCHEME.exec(text.slice(i, i + 12)) : null;
    if (scheme) i += scheme[0].length;
    const start = i;
    while (i < text.length && i - start <= 256 && isValueChar(text.charCodeAt(i))) i++;
    const raw = text.slice(start, i);
    CONTEXT_WORD.lastIndex = Math.max(CONTEXT_WORD.lastIndex, i);
    if (raw.length > 256) continue;
    const v = trimEndOf(raw, '.=');
    if (v.length < 20 || seen.has(v)) continue;
    if (!/[0-9]/.test(v) || !/[A-Za-z]/.test(v) || entropy(v) < 3.0 || looksStructural(v)) continue;
    const c = classifyCredential(v);
    if (c.kind !== 'secret') continue;
    seen.add(v);
    found.push({ value: v, line: lines.at(m.index), shape: c.shape ?? 'generic', vendor: c.vendor });
  }
  return found;
}

export interface KeyHit {
  /** Shape id from grammar/key-shapes.yaml. */
  shape: string;
  /** Vendor that issues keys of this shape, when known. */
  vendor: string | null;
}

/**
 * Verdicts of findKeyShaped on strings already scanned in this process: the
 * scan is a pure function of the string, and the strings of a registry repeat
 * from entry to entry (base URLs, key variable names, timestamps), so a big
 * registry is scanned once per distinct string. Bounded: strings up to
 * MEMO_MAX_LEN characters, and the memo is emptied when it holds MEMO_SIZE.
 */
const shapeMemo = new Map<string, KeyHit | null>();
const MEMO_SIZE = 8192;
const MEMO_MAX_LEN = 512;

/** The first key-shaped token in `text`, or null. Never returns the token itself. */
export function findKeyShaped(text: string): KeyHit | null {
  if (typeof text !== 'string' || text.length < MIN_KEY) return null;
  const memo = text.length <= MEMO_MAX_LEN;
  if (memo) {
    const m = shapeMemo.get(text);
    if (m !== undefined) return m;
  }
  const f = scanShapes(text)[0];
  const hit = f ? { shape: f.shape, vendor: f.vendor } : null;
  if (memo) {
    if (shapeMemo.size >= MEMO_SIZE) shapeMemo.clear();
    shapeMemo.set(text, hit);
  }
  return hit;
}

/** `text` with every key-shaped token replaced: for messages that quote user input. */
export function redactKeys(text: string): string {
  let out = text;
  for (const f of scanShapes(text)) for (const piece of f.pieces ?? [f.value]) out = out.split(piece).join('[key-shaped value]');
  return out;
}

/** Walks strings and object keys of a JSON-like value; the dotted paths of every key-shaped one (field names included). */
export function findKeysInValue(value: unknown, path = '', out: { path: string; hit: KeyHit }[] = [], depth = 0): { path: string; hit: KeyHit }[] {
  // The path is a stack of segments, joined only for a hit: most strings hold no key.
  const segs: string[] = [path];
  let plen = path.length;
  const enter = (seg: string) => {
    segs.push(seg);
    plen += seg.length;
  };
  const leave = () => {
    plen -= segs.pop()!.length;
  };
  const walk = (v: unknown, depth: number): void => {
    if (depth > 64) return;
    if (typeof v === 'string') {
      const hit = findKeyShaped(v);
      if (hit) out.push({ path: segs.join(''), hit });
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        enter(`[${i}]`);
        walk(v[i], depth + 1);
        leave();
      }
    } else if (v && typeof v === 'object') {
      for (const k of Object.keys(v)) {
        const hk = findKeyShaped(k);
        if (hk) {
          const p = segs.join('');
          out.push({ path: p ? `${p} (a field name)` : '(a field name)', hit: hk });
          continue;
        }
        enter(plen ? `.${k}` : k);
        walk((v as Record<string, unknown>)[k], depth + 1);
        leave();
      }
    }
  };
  walk(value, depth);
  return out;
}

/** The first key-shaped string (or field name) in a JSON-like value, with its dotted path. */
export function findKeyInValue(value: unknown, path = ''): { path: string; hit: KeyHit } | null {
  return findKeysInValue(value, path)[0] ?? null;
}
