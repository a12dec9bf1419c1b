// Parses a body Word as JSON, keeping variable parts: `'{"model": "'$MODEL'"}'`
// gives a string value whose word is an env reference. Tolerates what docs
// pages put in bodies: `//` comments, trailing commas, `...` elisions
// (`"messages": [...]`) and type names as values (`"max_tokens": integer`,
// read as null), each reported.
// Guarantee: never throws; returns null when the text is not JSON-like.
import { lit, mergeLits, type Part, type Value, type Word } from './model.js';

const SENTINEL = /@@BYOK(\d+)@@/g;

export interface JsonWordResult {
  value: Value;
  /** What was tolerated, for a warning. */
  repaired: string[];
}

export function parseJsonWord(word: Word, opts: { anyValue?: boolean } = {}): JsonWordResult | null {
  const holes: Part[] = [];
  let text = '';
  for (const p of word.parts) {
    if (p.kind === 'lit') text += p.text;
    else {
      text += `@@BYOK${holes.length}@@`;
      holes.push(p);
    }
  }
  const t = text.trim();
  if (!(t.startsWith('{') || t.startsWith('['))) {
    // With a JSON content type, any JSON value (a number, a string) is the body.
    if (!opts.anyValue) return null;
    try {
      return { value: toValue(JSON.parse(t), holes, 0), repaired: [] };
    } catch {
      return null;
    }
  }
  const repaired: string[] = [];
  let parsed: unknown;
  // A body that shows a mark of what repair() fixes (a comment, an elision, a trailing comma,
  // a type name) is repaired first: when repair changes it, strict JSON.parse would have
  // failed on it (repair only edits what strict JSON cannot hold), and a failed JSON.parse
  // costs ~10-20 us (its SyntaxError quotes the text). Otherwise, or when repair changes
  // nothing, the strict parse below runs as before.
  if (MAYBE_REPAIR.test(t)) {
    const marks: string[] = [];
    const fixed = repair(t, marks);
    if (fixed !== t) {
      try {
        parsed = JSON.parse(quoteBareSentinels(fixed));
      } catch {
        return null;
      }
      return { value: toValue(parsed, holes, 0), repaired: marks };
    }
  }
  try {
    parsed = JSON.parse(t.includes('@@BYOK') ? quoteBareSentinels(t) : t);
  } catch {
    const fixed = repair(t, repaired);
    try {
      parsed = JSON.parse(quoteBareSentinels(fixed));
    } catch {
      return null;
    }
  }
  return { value: toValue(parsed, holes, 0), repaired };
}

/** A run of string characters other than `"` and `\` (sticky). */
const IN_STRING = /[^"\\]*/y;
/** Sticky runs of characters outside strings that none of a pass's triggers (nor `"`) can start. */
const NOT_SENTINEL = /[^"@]*/y;
const NOT_MARK = /[^"/.…:]*/y;
const NOT_COMMA = /[^",]*/y;
const NOT_OPEN_OR_COMMA = /[^"[{,]*/y;

/**
 * Walks JSON text outside strings; `onOutside` is asked at each character outside a
 * string that `skip` does not pass over (its triggers), and may replace a stretch.
 * Copies the untouched stretches as slices. The runs between are passed by the regex
 * engine, not a call per character.
 */
function scanOutsideStrings(text: string, skip: RegExp, onOutside: (i: number) => { skip: number; insert: string } | null): string {
  let out = '';
  let from = 0;
  let inStr = false;
  for (let i = 0; i < text.length; ) {
    const run = inStr ? IN_STRING : skip;
    run.lastIndex = i;
    run.test(text);
    i = run.lastIndex;
    if (i >= text.length) break;
    const c = text.charCodeAt(i);
    if (inStr) {
      if (c === 92 && i + 1 < text.length) {
        i += 2;
        continue;
      }
      if (c === 34) inStr = false;
      i++;
      continue;
    }
    if (c === 34) {
      inStr = true;
      i++;
      continue;
    }
    const r = onOutside(i);
    if (r) {
      out += text.slice(from, i) + r.insert;
      i += Math.max(1, r.skip);
      from = i;
    } else i++;
  }
  return from === 0 ? text : out + text.slice(from);
}

function quoteBareSentinels(text: string): string {
  return scanOutsideStrings(text, NOT_SENTINEL, (i) => {
    if (!text.startsWith('@@BYOK', i)) return null;
    const m = /^@@BYOK\d+@@/.exec(text.slice(i, i + 20));
    return m ? { skip: m[0].length, insert: `"${m[0]}"` } : null;
  });
}

/** A mark of something repair() edits (`//` not in a URL, `...`, a trailing or doubled comma, a type name). */
const MAYBE_REPAIR = /(?<!:)\/\/|\.\.\.|…|,\s*[}\],]|[[{]\s*,|:\s*(?:integer|int|float|number|double|boolean|bool|string|object|array)\b/;

const TYPE_NAME_VALUE = /^:\s*(?:integer|int|float|number|double|boolean|bool|string|object|array)(?=\s*[,}\]])/;

function repair(text: string, repaired: string[]): string {
  let changed = false;
  let typed = false;
  let out = scanOutsideStrings(text, NOT_MARK, (i) => {
    if (text.startsWith('//', i)) {
      const nl = text.indexOf('\n', i);
      changed = true;
      return { skip: (nl < 0 ? text.length : nl) - i, insert: '' };
    }
    if (text.startsWith('...', i)) {
      changed = true;
      return { skip: 3, insert: '' };
    }
    if (text[i] === '…') {
      changed = true;
      return { skip: 1, insert: '' };
    }
    // A reference page's type name where a value goes (`"max_tokens": integer`): no value given.
    if (text[i] === ':') {
      const m = TYPE_NAME_VALUE.exec(text.slice(i, i + 40));
      if (m) {
        typed = true;
        return { skip: m[0].length, insert: ': null' };
      }
    }
    return null;
  });
  if (changed) repaired.push('comments or "..." elisions');
  if (typed) repaired.push('type names written as values (left unset)');
  const noTrailing = scanOutsideStrings(out, NOT_COMMA, (i) => {
    if (out[i] !== ',') return null;
    const rest = /^,\s*([}\]])/.exec(out.slice(i, i + 200));
    return rest ? { skip: rest[0].length - 1, insert: '' } : null;
  });
  if (noTrailing !== out) repaired.push('trailing commas');
  out = noTrailing;
  // An elided item leaves `[,` or `, ,`.
  out = scanOutsideStrings(out, NOT_OPEN_OR_COMMA, (i) => {
    const m = /^([[{,])\s*,/.exec(out.slice(i, i + 100));
    return m ? { skip: m[0].length, insert: m[1] } : null;
  });
  return out;
}

function wordFromString(s: string, holes: Part[]): Word {
  // Without holes a sentinel-like text is literal text all the same (each would become lit(its text), merged back).
  if (!holes.length || !s.includes('@@BYOK')) return { parts: [lit(s)] };
  const parts: Part[] = [];
  let last = 0;
  SENTINEL.lastIndex = 0;
  for (let m = SENTINEL.exec(s); m; m = SENTINEL.exec(s)) {
    parts.push(lit(s.slice(last, m.index)));
    parts.push(holes[Number(m[1])] ?? lit(m[0]));
    last = m.index + m[0].length;
  }
  parts.push(lit(s.slice(last)));
  return { parts: mergeLits(parts) };
}

function toValue(v: unknown, holes: Part[], depth: number): Value {
  if (depth > 200) return { kind: 'unknown', text: 'too deeply nested' };
  if (v === null) return { kind: 'null' };
  if (typeof v === 'boolean') return { kind: 'bool', value: v };
  if (typeof v === 'number') return { kind: 'number', value: v };
  if (typeof v === 'string') return { kind: 'string', word: wordFromString(v, holes) };
  if (Array.isArray(v)) {
    const items: Value[] = [];
    for (let i = 0; i < v.length; i++) items.push(toValue(v[i], holes, depth + 1));
    return { kind: 'array', items };
  }
  // Object.keys and index loops (same order as Object.entries): no entry arrays to destructure.
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  const entries: Array<[string, Value]> = [];
  for (let i = 0; i < keys.length; i++) entries.push([keys[i], toValue(o[keys[i]], holes, depth + 1)]);
  return { kind: 'object', entries };
}
