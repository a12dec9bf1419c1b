// A fast reader for the plain YAML that byok writes and people usually keep:
// block mappings and sequences, plain and quoted scalars on one line, one-line
// flow collections (`{ in: header, name: Authorization }`, `[]`), comments and
// blank lines. On a registry of 1,000 entries it reads in a few milliseconds
// what the `yaml` library's Document parse takes most of a second for.
// Guarantees:
// - Whatever it returns equals `yaml.parse(text)` (the core schema, yaml 2.x)
//   on the same text, key order included (test/registry-fast-yaml.test.ts
//   checks it on generated registries); it answers null, and the caller uses
//   the `yaml` library, on anything it is not sure of: CR or tab characters,
//   control characters, directives and document markers, anchors, aliases,
//   tags, block scalars, multi-line scalars, flow collections over several
//   lines, complex or odd keys (numbers, null, `<<`, `__proto__`), duplicate
//   keys, escapes it does not know, odd indentation, nesting past MAX_DEPTH,
//   numbers it would have to round, and anything yaml would call an error.
// - Linear in the text's length, and light: it walks the text line by line
//   without splitting it or copying its lines; no recursion deeper than
//   MAX_DEPTH.
// - It also says where a new entry can be appended as text (the `models` list
//   is the file's last node, in block style, with no comment after it).

/** Where a new item can be appended: column of the `-` of the `models` items. */
export interface FastTail {
  indent: number;
}

export interface FastDoc {
  value: Record<string, unknown>;
  tail: FastTail | null;
}

const MAX_DEPTH = 32;

/** Thrown inside the reader when the text is outside the subset; never escapes fastParseYaml. */
class Unsure extends Error {}
const unsure = (): never => {
  throw new Unsure();
};

/** Characters the reader leaves to yaml: C0 controls but LF, DEL, C1 controls (NEL), LS, PS, BOM. */
const ODD_CHAR = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff]/;
/** A key the reader takes as a string: what yaml would resolve to that same string. */
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_./-]*$/;
const NOT_STRING_KEY = /^(?:[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
/** Keys left to yaml and to the registry's own refusal (prototype pollution). */
const PROTO_KEY = /^(?:__proto__|constructor|prototype)$/;
const NULL = /^(?:~|[Nn]ull|NULL)$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const MAYBE_TYPED = new Uint8Array(65536);
for (const c of '~nNtTfF0123456789+-.') MAYBE_TYPED[c.charCodeAt(0)] = 1;

/** A plain scalar as the core schema resolves it (yaml's own tests and conversions, in its order). */
function plainValue(s: string): unknown {
  // Only these first characters can start a null, a boolean or a number.
  if (!MAYBE_TYPED[s.charCodeAt(0)]) return s;
  if (NULL.test(s)) return null;
  if (BOOL.test(s)) return s[0] === 't' || s[0] === 'T';
  if (/^0o[0-7]+$/.test(s)) return parseInt(s.slice(2), 8);
  if (/^[-+]?[0-9]+$/.test(s)) return parseInt(s, 10);
  if (/^0x[0-9a-fA-F]+$/.test(s)) return parseInt(s.slice(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(s)) return unsure();
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(s) || /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(s)) return parseFloat(s);
  return s;
}

/** Characters of a plain key: A-Z a-z 0-9 _ . / - */
const KEY_CHAR = new Uint8Array(128);
for (let c = 0; c < 128; c++) KEY_CHAR[c] = /[A-Za-z0-9_./-]/.test(String.fromCharCode(c)) ? 1 : 0;

/** Whether a plain scalar `s` reads back as the string `s` (not null, a boolean or a number). */
export function readsAsString(s: string): boolean {
  try {
    return plainValue(s) === s;
  } catch {
    return false;
  }
}

/** A plain key as a string, or unsure. */
function plainKey(s: string): string {
  if (!PLAIN_KEY.test(s) || NOT_STRING_KEY.test(s) || PROTO_KEY.test(s)) unsure();
  return s;
}

/** Indicators that may not start a plain scalar. */
const INDICATOR_START = /^[,[\]{}#&*!|>'"%@`?:]|^-(?: |$)/;

/**
 * A double-quoted scalar starting at s[i] (the quote), within the line ending
 * at `end`; its value and the index after the closing quote. Searches run on
 * the line alone (a slice): indexOf on the whole text would scan past it.
 */
function doubleQuoted(s: string, i: number, end: number): [string, number] {
  const line = s.slice(i, end);
  let out = '';
  let j = 1;
  // The next `"` and `\` at or after j, each searched again only once passed: linear on a line of escapes.
  let quote = -1;
  let esc = -1;
  for (;;) {
    if (j >= line.length) unsure(); // runs past the line: multi-line, left to yaml
    const c = line.charCodeAt(j);
    if (c === 34) return [out, i + j + 1];
    if (c !== 92) {
      if (quote < j) {
        quote = line.indexOf('"', j);
        if (quote < 0) quote = line.length;
      }
      if (esc < j) {
        esc = line.indexOf('\\', j);
        if (esc < 0) esc = line.length;
      }
      const stop = Math.min(quote, esc);
      out += line.slice(j, stop);
      j = stop;
      continue;
    }
    const e = line[j + 1];
    const simple = e === undefined ? undefined : SIMPLE_ESCAPES[e];
    if (simple !== undefined) {
      out += simple;
      j += 2;
      continue;
    }
    const len = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
    if (!len || j + 2 + len > line.length) unsure();
    const hex = line.slice(j + 2, j + 2 + len);
    if (!/^[0-9a-fA-F]+$/.test(hex)) unsure();
    const code = parseInt(hex, 16);
    if (len === 8 && code > 0x10ffff) unsure();
    out += len === 8 ? String.fromCodePoint(code) : String.fromCharCode(code);
    j += 2 + len;
  }
}
const SIMPLE_ESCAPES: Record<string, string> = Object.assign(Object.create(null), {
  '\\': '\\', '"': '"', '/': '/', n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '0': '\0', a: '\x07', v: '\v', e: '\x1b',
  ' ': ' ', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029', '\t': '\t',
});

/** A single-quoted scalar starting at s[i], within the line ending at `end`; its value and the index after the closing quote. */
function singleQuoted(s: string, i: number, end: number): [string, number] {
  const line = s.slice(i, end);
  let out = '';
  let j = 1;
  for (;;) {
    const q = line.indexOf("'", j);
    if (q < 0) unsure();
    out += line.slice(j, q);
    if (line.charCodeAt(q + 1) === 39) {
      out += "'";
      j = q + 2;
      continue;
    }
    return [out, i + q + 1];
  }
}

/** The end of `s[from, to)` without trailing spaces. */
function trimEnd(s: string, from: number, to: number): number {
  while (to > from && s.charCodeAt(to - 1) === 32) to--;
  return to;
}

function skipSpaces(s: string, i: number, end: number): number {
  while (i < end && s.charCodeAt(i) === 32) i++;
  return i;
}

const FLOW_CHAR = (c: number) => c === 44 || c === 91 || c === 93 || c === 123 || c === 125;

/** A flow collection starting at s[i] (`{` or `[`), closed on the same line. */
function flow(s: string, i: number, end: number, depth: number): [unknown, number] {
  if (depth > MAX_DEPTH) unsure();
  const map = s.charCodeAt(i) === 123;
  const close = map ? 125 : 93;
  const out: Record<string, unknown> | unknown[] = map ? {} : [];
  let j = skipSpaces(s, i + 1, end);
  if (j < end && s.charCodeAt(j) === close) return [out, j + 1];
  for (;;) {
    if (j >= end) unsure();
    if (map) {
      let key: string;
      const c = s.charCodeAt(j);
      if (c === 34 || c === 39) {
        [key, j] = c === 34 ? doubleQuoted(s, j, end) : singleQuoted(s, j, end);
        if (PROTO_KEY.test(key)) unsure();
      } else {
        let k = j;
        while (k < end && k - j < 256 && KEY_CHAR[s.charCodeAt(k)] === 1) k++;
        if (k === j) unsure();
        key = plainKey(s.slice(j, k));
        j = k;
      }
      if (j + 1 >= end || s.charCodeAt(j) !== 58 || s.charCodeAt(j + 1) !== 32) unsure();
      if (Object.prototype.hasOwnProperty.call(out, key)) unsure();
      let v: unknown;
      [v, j] = flowValue(s, skipSpaces(s, j + 1, end), end, depth);
      (out as Record<string, unknown>)[key] = v;
    } else {
      let v: unknown;
      [v, j] = flowValue(s, j, end, depth);
      (out as unknown[]).push(v);
    }
    j = skipSpaces(s, j, end);
    if (j >= end) unsure();
    if (s.charCodeAt(j) === close) return [out, j + 1];
    if (s.charCodeAt(j) !== 44) unsure();
    j = skipSpaces(s, j + 1, end);
    if (j < end && s.charCodeAt(j) === close) unsure(); // a trailing comma: left to yaml
  }
}

/** A value inside a flow collection: a nested one, a quoted scalar, or a plain scalar ending at `,` `]` `}`. */
function flowValue(s: string, j: number, end: number, depth: number): [unknown, number] {
  if (j >= end) unsure();
  const c = s.charCodeAt(j);
  if (c === 123 || c === 91) return flow(s, j, end, depth + 1);
  if (c === 34) return doubleQuoted(s, j, end);
  if (c === 39) return singleQuoted(s, j, end);
  let e = j;
  while (e < end && !FLOW_CHAR(s.charCodeAt(e))) {
    const x = s.charCodeAt(e);
    // `: ` or `:` at the end makes a pair, ` #` a comment: left to yaml.
    if ((x === 58 && (e + 1 >= end || s.charCodeAt(e + 1) === 32 || FLOW_CHAR(s.charCodeAt(e + 1)))) || (x === 35 && s.charCodeAt(e - 1) === 32)) unsure();
    e++;
  }
  const raw = s.slice(j, trimEnd(s, j, e));
  if (!raw || INDICATOR_START.test(raw)) unsure();
  return [plainValue(raw), e];
}

/** What may follow a value on its line: spaces, then nothing or a comment. */
function endOfLine(s: string, j: number, end: number): void {
  const k = skipSpaces(s, j, end);
  if (k < end && !(s.charCodeAt(k) === 35 && k > j)) unsure();
}

/** A scalar or one-line flow collection that fills the rest of the line s[j, end) (s[j] is not a space). */
function inlineValue(s: string, j: number, end: number, depth: number): unknown {
  const c = s.charCodeAt(j);
  let v: unknown;
  let after: number;
  if (c === 34) [v, after] = doubleQuoted(s, j, end);
  else if (c === 39) [v, after] = singleQuoted(s, j, end);
  else if (c === 123 || c === 91) [v, after] = flow(s, j, end, depth + 1);
  else {
    // The rest of the line (its end has no spaces), up to a comment (` #`).
    const line = s.slice(j, end);
    const hash = line.indexOf(' #');
    const raw = hash < 0 ? line : line.slice(0, trimEnd(line, 0, hash));
    if (!raw || INDICATOR_START.test(raw) || raw.includes(': ') || raw.endsWith(':')) unsure();
    return plainValue(raw);
  }
  endOfLine(s, after, end);
  return v;
}

/** The key of a `key: ...` line s[i, end), and where its value starts (after the `:`); null when the line is no mapping pair. */
function keyOf(s: string, i: number, end: number): [string, number] | null {
  let key: string;
  let j: number;
  const c = s.charCodeAt(i);
  if (c === 34 || c === 39) {
    [key, j] = c === 34 ? doubleQuoted(s, i, end) : singleQuoted(s, i, end);
  } else {
    // The common key (letters, digits, _ . / -) in one pass; anything else through the pattern.
    j = i;
    while (j < end && KEY_CHAR[s.charCodeAt(j)] === 1) j++;
    if (j > i && s.charCodeAt(j) === 58 && (j + 1 === end || s.charCodeAt(j + 1) === 32)) key = plainKey(s.slice(i, j));
    else {
      const m = /^[^\s:#]+(?=:(?: |$))/.exec(s.slice(i, end));
      if (!m) return null;
      key = plainKey(m[0]);
      j = i + m[0].length;
    }
  }
  if (j >= end || s.charCodeAt(j) !== 58 || (j + 1 < end && s.charCodeAt(j + 1) !== 32)) return null;
  if (PROTO_KEY.test(key)) unsure();
  return [key, j + 1];
}

function isItem(s: string, i: number, end: number): boolean {
  return s.charCodeAt(i) === 45 && (i + 1 === end || s.charCodeAt(i + 1) === 32);
}

/** A deep copy of a value the reader made (plain objects, arrays, scalars), key order kept. */
function copy(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(copy);
  const o: Record<string, unknown> = {};
  for (const k of Object.keys(v)) o[k] = copy((v as Record<string, unknown>)[k]);
  return o;
}

/** The content lines of a text, one at a time: no array of lines, no copy of a line. */
class Reader {
  /** The current content line: s[start, end) without indentation and trailing spaces, at column `indent`; `indent` is -1 at the end. */
  indent = -1;
  start = 0;
  end = 0;
  /** Where the next physical line starts. */
  private next = 0;
  /** A comment line came after the last content line. */
  commentAfter = false;
  /** Column of the `-` of the top-level `models` list, when it is a block list. */
  modelsItems: number | null = null;

  constructor(private readonly s: string) {
    this.advance();
  }

  /** Moves to the next content line (blank and comment lines skipped). */
  advance(): void {
    const s = this.s;
    while (this.next < s.length) {
      const start = this.next;
      let end = s.indexOf('\n', start);
      if (end < 0) end = s.length;
      this.next = end + 1;
      const c0 = s.charCodeAt(start);
      // `---`, `...` and `%` at the start of a line: document markers and directives.
      if ((c0 === 45 && s.startsWith('---', start)) || (c0 === 46 && s.startsWith('...', start)) || c0 === 37) unsure();
      const i = skipSpaces(s, start, end);
      if (i === end) continue;
      if (s.charCodeAt(i) === 35) {
        this.commentAfter = true;
        continue;
      }
      this.indent = i - start;
      this.start = i;
      this.end = trimEnd(s, i, end);
      this.commentAfter = false;
      return;
    }
    this.indent = -1;
  }

  /** The `key: value` lines read so far, per depth: their key and value (a one-line flow collection is copied, never shared). */
  private readonly lines: Map<string, { key: string; value: unknown; flow: boolean }>[] = [];

  seen(depth: number): Map<string, { key: string; value: unknown; flow: boolean }> {
    return (this.lines[depth] ??= new Map());
  }

  get done(): boolean {
    return this.indent < 0;
  }

  /** A block mapping whose keys stand at `indent`; the current line is its first pair. */
  map(indent: number, depth: number): Record<string, unknown> {
    if (depth > MAX_DEPTH) unsure();
    const s = this.s;
    const out: Record<string, unknown> = {};
    while (this.indent === indent) {
      if (isItem(s, this.start, this.end)) break; // a sequence at the same indent as its key ended the pair before
      const end = this.end;
      // A `key: value` line read before at this depth (most lines of a registry repeat from entry to entry).
      const line = s.slice(this.start, end);
      const seen = this.seen(depth).get(line);
      if (seen) {
        if (Object.prototype.hasOwnProperty.call(out, seen.key)) unsure();
        out[seen.key] = seen.flow ? copy(seen.value) : seen.value;
        this.advance();
        if (this.indent > indent) unsure(); // a multi-line scalar, or an error
        continue;
      }
      const kv = keyOf(s, this.start, end);
      if (!kv) unsure();
      const [key, at] = kv!;
      if (Object.prototype.hasOwnProperty.call(out, key)) unsure();
      const j = skipSpaces(s, at, end);
      if (j < end && !(s.charCodeAt(j) === 35 && j > at)) {
        const value = inlineValue(s, j, end, depth);
        const flow = value !== null && typeof value === 'object';
        out[key] = value;
        this.advance();
        if (this.indent > indent) unsure(); // a multi-line scalar, or an error
        this.seen(depth).set(line, { key, value: flow ? copy(value) : value, flow });
        continue;
      }
      // Nothing on the line: a nested block, or null.
      this.advance();
      if (this.indent > indent) {
        if (isItem(s, this.start, this.end)) {
          if (depth === 0 && key === 'models') this.modelsItems = this.indent;
          out[key] = this.seq(this.indent, depth + 1);
        } else out[key] = this.map(this.indent, depth + 1);
        if (this.indent > indent) unsure();
      } else if (this.indent === indent && isItem(s, this.start, this.end)) {
        if (depth === 0 && key === 'models') this.modelsItems = indent;
        out[key] = this.seq(indent, depth + 1);
      } else out[key] = null;
    }
    return out;
  }

  /** A block sequence whose `-` stand at `indent`; the current line is its first item. */
  seq(indent: number, depth: number): unknown[] {
    if (depth > MAX_DEPTH) unsure();
    const s = this.s;
    const out: unknown[] = [];
    while (this.indent === indent && isItem(s, this.start, this.end)) {
      const end = this.end;
      const j = skipSpaces(s, this.start + 1, end);
      if (j >= end || s.charCodeAt(j) === 35 || isItem(s, j, end)) unsure();
      if (keyOf(s, j, end)) {
        // `- key: value`: a mapping whose keys stand where this first key does.
        const col = indent + (j - this.start);
        this.indent = col;
        this.start = j;
        out.push(this.map(col, depth + 1));
      } else {
        out.push(inlineValue(s, j, end, depth));
        this.advance();
      }
      if (this.indent > indent) unsure();
    }
    return out;
  }
}

/**
 * The registry text (BOM stripped) as `yaml.parse` would read it, or null
 * when the text is outside the subset this reader is sure of.
 */
export function fastParseYaml(text: string): FastDoc | null {
  if (ODD_CHAR.test(text)) return null;
  let value: Record<string, unknown>;
  let r: Reader;
  try {
    r = new Reader(text);
    if (r.done || r.indent !== 0 || isItem(text, r.start, r.end)) return null;
    value = r.map(0, 0);
    if (!r.done) return null;
  } catch (e) {
    if (e instanceof Unsure || e instanceof RangeError) return null;
    throw e;
  }
  // `models` as the last node, a non-empty block list, nothing after it but blank lines, and a final newline.
  const keys = Object.keys(value);
  const models = value.models;
  const tail =
    keys[keys.length - 1] === 'models' && Array.isArray(models) && models.length && r.modelsItems !== null && !r.commentAfter && text.endsWith('\n')
      ? { indent: r.modelsItems }
      : null;
  return { value, tail };
}

/** Where the items of the `models` list start, and the column of their `-`. */
export interface ModelItems {
  indent: number;
  /** Index of the first character of each item's first line (its indentation included). */
  starts: number[];
}

/**
 * The items of the `models` list of a text (BOM stripped) whose last node it
 * is, in block style, cut where the full reader would cut them: each item runs
 * from the start of its `-` line to the next item's, comment and blank lines
 * included. Null when the text has no such list: no `models:` line at column 0
 * with nothing after the colon, no item right after it, or any content line
 * after it at the items' column that is no item or left of it (another
 * top-level key, an odd layout). It does not check the text is in the subset:
 * fastParseYaml (on the text before the first item) and fastParseItem (on
 * each item) do.
 * One pass over the lines after the first `models:` line; no copy of a line.
 */
export function modelItems(s: string): ModelItems | null {
  let i = -1;
  for (let at = 0; at >= 0 && i < 0; ) {
    if (s.startsWith('models:', at)) {
      let e = s.indexOf('\n', at);
      if (e < 0) e = s.length;
      if (skipSpaces(s, at + 7, e) === e) i = e;
    }
    const k = s.indexOf('\nmodels:', at);
    at = k < 0 ? -1 : k + 1;
  }
  if (i < 0) return null;
  i++;
  let indent = -1;
  const starts: number[] = [];
  while (i < s.length) {
    let end = s.indexOf('\n', i);
    if (end < 0) end = s.length;
    const j = skipSpaces(s, i, end);
    if (j < end && s.charCodeAt(j) !== 35) {
      const col = j - i;
      const item = isItem(s, j, end);
      if (indent < 0) {
        if (!item) return null;
        indent = col;
      }
      if (col < indent || (col === indent && !item)) return null;
      if (col === indent) starts.push(i);
    }
    i = end + 1;
  }
  return starts.length ? { indent, starts } : null;
}

/**
 * One item of a `models` list whose `-` stand at `indent`: `text` is that item
 * as modelItems cut it. Its value as the full reader reads it inside the
 * whole file (at the same depth), or null when unsure.
 */
export function fastParseItem(text: string, indent: number): { value: unknown } | null {
  if (ODD_CHAR.test(text)) return null;
  try {
    const r = new Reader(text);
    if (r.indent !== indent || !isItem(text, r.start, r.end)) return null;
    const items = r.seq(indent, 1);
    return items.length === 1 && r.done ? { value: items[0] } : null;
  } catch (e) {
    if (e instanceof Unsure || e instanceof RangeError) return null;
    throw e;
  }
}

/** Whether the last line of a text with content on it is a comment (the full reader's `commentAfter` at its end). */
export function endsWithComment(s: string): boolean {
  let end = s.length;
  while (end > 0) {
    const start = s.lastIndexOf('\n', end - 1) + 1;
    const j = skipSpaces(s, start, end);
    if (j < end) return s.charCodeAt(j) === 35;
    end = start - 1;
  }
  return false;
}
