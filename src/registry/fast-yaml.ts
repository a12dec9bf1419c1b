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
// - Linear in the text's length; no recursion deeper than MAX_DEPTH.
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

interface Line {
  indent: number;
  /** The line without its indentation. */
  text: string;
}

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

/** A double-quoted scalar starting at s[i] (the quote); its value and the index after the closing quote. */
function doubleQuoted(s: string, i: number): [string, number] {
  let out = '';
  let j = i + 1;
  for (;;) {
    if (j >= s.length) unsure(); // runs past the line: multi-line, left to yaml
    const c = s[j];
    if (c === '"') return [out, j + 1];
    if (c !== '\\') {
      const next = s.indexOf('"', j);
      const esc = s.indexOf('\\', j);
      const end = Math.min(next < 0 ? s.length : next, esc < 0 ? s.length : esc);
      out += s.slice(j, end);
      j = end;
      continue;
    }
    const e = s[j + 1];
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined) {
      out += simple;
      j += 2;
      continue;
    }
    const len = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
    if (!len) unsure();
    const hex = s.slice(j + 2, j + 2 + len);
    if (hex.length !== len || !/^[0-9a-fA-F]+$/.test(hex)) unsure();
    const code = parseInt(hex, 16);
    if (len === 8 && code > 0x10ffff) unsure();
    out += len === 8 ? String.fromCodePoint(code) : String.fromCharCode(code);
    j += 2 + len;
  }
}
const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\', '"': '"', '/': '/', n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '0': '\0', a: '\x07', v: '\v', e: '\x1b',
  ' ': ' ', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029', '\t': '\t',
};

/** A single-quoted scalar starting at s[i]; its value and the index after the closing quote. */
function singleQuoted(s: string, i: number): [string, number] {
  let out = '';
  let j = i + 1;
  for (;;) {
    const q = s.indexOf("'", j);
    if (q < 0) unsure();
    out += s.slice(j, q);
    if (s[q + 1] === "'") {
      out += "'";
      j = q + 2;
      continue;
    }
    return [out, q + 1];
  }
}

/** `s` without trailing spaces (a loop: `/ +$/` rescans a long run of spaces). */
function trimSpaces(s: string): string {
  let e = s.length;
  while (e > 0 && s.charCodeAt(e - 1) === 32) e--;
  return e === s.length ? s : s.slice(0, e);
}

const skipSpaces = (s: string, i: number) => {
  while (s[i] === ' ') i++;
  return i;
};

/** A flow collection starting at s[i] (`{` or `[`), closed on the same line. */
function flow(s: string, i: number, depth: number): [unknown, number] {
  if (depth > MAX_DEPTH) unsure();
  const map = s[i] === '{';
  const close = map ? '}' : ']';
  const out: Record<string, unknown> | unknown[] = map ? {} : [];
  let j = skipSpaces(s, i + 1);
  if (s[j] === close) return [out, j + 1];
  for (;;) {
    if (map) {
      let key: string;
      if (s[j] === '"' || s[j] === "'") {
        [key, j] = s[j] === '"' ? doubleQuoted(s, j) : singleQuoted(s, j);
        if (PROTO_KEY.test(key)) unsure();
      } else {
        const m = /^[^\s,[\]{}:#]+/.exec(s.slice(j, j + 256));
        if (!m) unsure();
        key = plainKey(m![0]);
        j += m![0].length;
      }
      if (s[j] !== ':' || s[j + 1] !== ' ') unsure();
      if (Object.prototype.hasOwnProperty.call(out, key)) unsure();
      let v: unknown;
      [v, j] = flowValue(s, skipSpaces(s, j + 1), depth);
      (out as Record<string, unknown>)[key] = v;
    } else {
      let v: unknown;
      [v, j] = flowValue(s, j, depth);
      (out as unknown[]).push(v);
    }
    j = skipSpaces(s, j);
    if (s[j] === close) return [out, j + 1];
    if (s[j] !== ',') unsure();
    j = skipSpaces(s, j + 1);
    if (s[j] === close) unsure(); // a trailing comma: left to yaml
  }
}

/** A value inside a flow collection: a nested one, a quoted scalar, or a plain scalar ending at `,` `]` `}`. */
function flowValue(s: string, j: number, depth: number): [unknown, number] {
  const c = s[j];
  if (c === '{' || c === '[') return flow(s, j, depth + 1);
  if (c === '"') return doubleQuoted(s, j);
  if (c === "'") return singleQuoted(s, j);
  let e = j;
  while (e < s.length && !',[]{}'.includes(s[e])) {
    // `: ` or `:` at the end makes a pair, ` #` a comment: left to yaml.
    if ((s[e] === ':' && (s[e + 1] === ' ' || e + 1 >= s.length || ',[]{}'.includes(s[e + 1]))) || (s[e] === '#' && s[e - 1] === ' ')) unsure();
    e++;
  }
  const raw = trimSpaces(s.slice(j, e));
  if (!raw || INDICATOR_START.test(raw)) unsure();
  return [plainValue(raw), e];
}

/** What may follow a value on its line: spaces, then nothing or a comment. */
function endOfLine(s: string, j: number): void {
  j = skipSpaces(s, j);
  if (j < s.length && !(s[j] === '#' && s[j - 1] === ' ')) unsure();
}

/** A scalar or one-line flow collection that fills the rest of a line (from s[j], not a space). */
function inlineValue(s: string, j: number, depth: number): unknown {
  const c = s[j];
  let v: unknown;
  let end: number;
  if (c === '"') [v, end] = doubleQuoted(s, j);
  else if (c === "'") [v, end] = singleQuoted(s, j);
  else if (c === '{' || c === '[') [v, end] = flow(s, j, depth + 1);
  else {
    const hash = s.indexOf(' #', j);
    const raw = trimSpaces(hash < 0 ? s.slice(j) : s.slice(j, hash));
    if (!raw || INDICATOR_START.test(raw) || raw.includes(': ') || raw.endsWith(':')) unsure();
    return plainValue(raw);
  }
  endOfLine(s, end);
  return v;
}

/** The key of a `key: ...` line, and where its value starts; null when the line is no mapping pair. */
function keyOf(s: string): [string, number] | null {
  let key: string;
  let j: number;
  if (s[0] === '"' || s[0] === "'") {
    [key, j] = s[0] === '"' ? doubleQuoted(s, 0) : singleQuoted(s, 0);
  } else {
    // The common key (letters, digits, _ . / -) in one pass; anything else through the pattern.
    j = 0;
    while (j < s.length && KEY_CHAR[s.charCodeAt(j)] === 1) j++;
    if (j > 0 && s.charCodeAt(j) === 58 && (j + 1 === s.length || s.charCodeAt(j + 1) === 32)) key = plainKey(s.slice(0, j));
    else {
      const m = /^[^\s:#]+(?=:(?: |$))/.exec(s);
      if (!m) return null;
      key = plainKey(m[0]);
      j = m[0].length;
    }
  }
  if (s[j] !== ':' || (j + 1 < s.length && s[j + 1] !== ' ')) return null;
  if (PROTO_KEY.test(key)) unsure();
  return [key, j + 1];
}

class Reader {
  private i = 0;
  /** Column of the `-` of the top-level `models` list, when it is a block list. */
  modelsItems: number | null = null;
  constructor(private readonly lines: Line[]) {}

  get done(): boolean {
    return this.i >= this.lines.length;
  }

  private peek(): Line | undefined {
    return this.lines[this.i];
  }

  /** A block mapping whose keys stand at `indent`; the current line is its first pair. */
  map(indent: number, depth: number): Record<string, unknown> {
    if (depth > MAX_DEPTH) unsure();
    const out: Record<string, unknown> = {};
    for (let line = this.peek(); line && line.indent === indent; line = this.peek()) {
      if (isItem(line.text)) break; // a sequence at the same indent as its key ended the pair before
      const kv = keyOf(line.text);
      if (!kv) unsure();
      const [key, at] = kv!;
      if (Object.prototype.hasOwnProperty.call(out, key)) unsure();
      this.i++;
      const j = skipSpaces(line.text, at);
      if (j < line.text.length && !(line.text[j] === '#' && j > at)) {
        out[key] = inlineValue(line.text, j, depth);
        const next = this.peek();
        if (next && next.indent > indent) unsure(); // a multi-line scalar, or an error
        continue;
      }
      // Nothing on the line: a nested block, or null.
      const next = this.peek();
      if (next && next.indent > indent) {
        if (isItem(next.text)) {
          if (depth === 0 && key === 'models') this.modelsItems = next.indent;
          out[key] = this.seq(next.indent, depth + 1);
        } else out[key] = this.map(next.indent, depth + 1);
        const after = this.peek();
        if (after && after.indent > indent) unsure();
      } else if (next && next.indent === indent && isItem(next.text)) {
        if (depth === 0 && key === 'models') this.modelsItems = indent;
        out[key] = this.seq(indent, depth + 1);
      } else out[key] = null;
    }
    const line = this.peek();
    if (line && line.indent === indent && !isItem(line.text)) unsure();
    return out;
  }

  /** A block sequence whose `-` stand at `indent`; the current line is its first item. */
  seq(indent: number, depth: number): unknown[] {
    if (depth > MAX_DEPTH) unsure();
    const out: unknown[] = [];
    for (let line = this.peek(); line && line.indent === indent && isItem(line.text); line = this.peek()) {
      const j = skipSpaces(line.text, 1);
      if (j >= line.text.length || line.text[j] === '#' || isItem(line.text.slice(j))) unsure();
      const rest = line.text.slice(j);
      if (keyOf(rest)) {
        // `- key: value`: a mapping whose keys stand where this first key does.
        this.lines[this.i] = { indent: indent + j, text: rest };
        out.push(this.map(indent + j, depth + 1));
      } else {
        this.i++;
        out.push(inlineValue(rest, 0, depth));
      }
      const next = this.peek();
      if (next && next.indent > indent) unsure();
    }
    return out;
  }
}

function isItem(s: string): boolean {
  return s[0] === '-' && (s.length === 1 || s[1] === ' ');
}

/**
 * The registry text (BOM stripped) as `yaml.parse` would read it, or null
 * when the text is outside the subset this reader is sure of.
 */
export function fastParseYaml(text: string): FastDoc | null {
  if (ODD_CHAR.test(text)) return null;
  const lines: Line[] = [];
  let seenContent = false;
  let commentAfter = false;
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const c0 = text.charCodeAt(start);
    // `---`, `...` and `%` at the start of a line: document markers and directives.
    if ((c0 === 45 && text.startsWith('---', start)) || (c0 === 46 && text.startsWith('...', start)) || c0 === 37) return null;
    let i = start;
    while (i < end && text.charCodeAt(i) === 32) i++;
    if (i < end) {
      if (text.charCodeAt(i) === 35) {
        if (seenContent) commentAfter = true;
      } else {
        let e = end;
        while (text.charCodeAt(e - 1) === 32) e--;
        lines.push({ indent: i - start, text: text.slice(i, e) });
        seenContent = true;
        commentAfter = false;
      }
    }
    start = end + 1;
  }
  if (!lines.length || lines[0].indent !== 0 || isItem(lines[0].text)) return null;
  const r = new Reader(lines);
  let value: Record<string, unknown>;
  try {
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
    keys[keys.length - 1] === 'models' && Array.isArray(models) && models.length && r.modelsItems !== null && !commentAfter && text.endsWith('\n')
      ? { indent: r.modelsItems }
      : null;
  return { value, tail };
}
