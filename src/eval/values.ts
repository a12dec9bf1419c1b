// The evaluation core both code front-ends (src/python/, src/js/) share: the
// bounded text of strings, safe descriptions of names, environment reads, and
// the conversions of a walker's values to the Words and JSON Values a request
// is made of, with their truthiness and path updates: one renderer for both
// languages, parameterised by a spelling table (True/true, None/null,
// json.dumps/JSON.stringify, and the few semantic differences). A walker adds
// only its language's syntax on top.
// Guarantee: nothing here throws or invents a value; what cannot be rendered
// is an explicit `unknown` part.
import { env as envPart, lit, litWord, literalJson, literalText, mergeLits, type Part, type Value, type Word } from '../call/model.js';

export type Lang = 'python' | 'javascript';

export const unknown = (text: string): Value => ({ kind: 'unknown', text });
export const str = (s: string): Value => ({ kind: 'string', word: litWord(s) });

const MAX_TEXT = 16 * 1024;

/** Caps a word's literal text so repeated concatenation stays bounded. */
export function capWord(w: Word): Word {
  let total = 0;
  const parts: Part[] = [];
  for (const p of w.parts) {
    if (p.kind === 'lit') {
      if (total + p.text.length > MAX_TEXT) {
        parts.push(lit(p.text.slice(0, Math.max(0, MAX_TEXT - total))), { kind: 'unknown', text: 'text cut: too long' });
        break;
      }
      total += p.text.length;
    }
    parts.push(p);
    if (parts.length > 4096) break;
  }
  return { parts: mergeLits(parts) };
}

/** A plain dotted name (`settings.key`, `config.apiKey`) is safe to show; anything else gets a description. */
export function describe(path: string): string {
  if (!/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(path) || path.length > 120) return 'expression';
  // An unquoted key pasted where a name goes (`api_key=gsk_...`) is a plain name too: never echo a key-like segment.
  return path
    .split('.')
    .map((seg) => (seg.length >= 20 && /\d/.test(seg) && /[a-z]/i.test(seg) && !/^[A-Z0-9_]+$/.test(seg) ? 'name' : seg))
    .join('.');
}

/** Environment variable names as code writes them; anything else (a pasted key in the name slot) stays a literal. */
export function isEnvName(s: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]{0,127}$/.test(s);
}

/** A read of the variable `name` (`os.environ["X"]`, `process.env.X`); a non-name is the literal text. */
export function envRead(name: string | null, fallback?: string): Value {
  if (name === null) return unknown('environment variable');
  if (!isEnvName(name)) return str(name);
  return { kind: 'string', word: { parts: [envPart(name, fallback !== undefined ? { fallback } : {})] } };
}

/**
 * What the shared renderers need to know of a language: how it spells
 * `true`/`None`/`null`, what it calls an unrendered `json.dumps(x)` /
 * `JSON.stringify(x)`, and the few places its semantics differ (Python's
 * empty containers are falsy and its `str(list)` is left unknown; JavaScript
 * joins arrays with commas, treats `NaN` as falsy and has `undefined`).
 */
interface Spelling {
  true: string;
  false: string;
  null: string;
  undef: string;
  json: string;
  /** What a client or other object stands for when code puts it in a body. */
  opaque: string;
  /** The text of a non-finite number, when the language prints one its own way. */
  nonFinite?: string;
  joinsArrays: boolean;
  emptyContainersFalsy: boolean;
  nanFalsy: boolean;
}

const SPELLING: Record<Lang, Spelling> = {
  python: { true: 'True', false: 'False', null: 'None', undef: 'None', json: 'json.dumps(...)', opaque: 'client object', nonFinite: 'nan', joinsArrays: false, emptyContainersFalsy: true, nanFalsy: false },
  javascript: { true: 'true', false: 'false', null: 'null', undef: 'undefined', json: 'JSON.stringify(...)', opaque: 'object', joinsArrays: true, emptyContainersFalsy: false, nanFalsy: true },
};

/** The language's rendering of a number in str()/f-strings/templates, close enough for URLs and headers. */
export function numberText(n: number, lang: Lang): string {
  const nf = SPELLING[lang].nonFinite;
  return nf !== undefined && !Number.isFinite(n) ? nf : String(n);
}

type Scalar = Exclude<Value, { kind: 'object' } | { kind: 'array' }>;

/**
 * A walker's value as the shared conversions see it: the call model's Value
 * (containers may hold walker values), plus the kinds both languages pass
 * around (names, functions, `json.dumps` text, JavaScript's `undefined` and AI
 * SDK model objects, which stand for their model id), plus opaque objects.
 */
export type EvalVal =
  | Scalar
  | { kind: 'object'; entries: ReadonlyArray<readonly [string, EvalVal]> }
  | { kind: 'array'; items: readonly EvalVal[] }
  | RefVal
  | JsonTextVal
  | { kind: 'func'; fn: { name: string } }
  | { kind: 'undef' }
  | { kind: 'aimodel'; model: Value }
  | { kind: 'client' | 'clientattr' | 'request' };

const unknownWord = (text: string): Word => ({ parts: [{ kind: 'unknown', text }] });

/** A value as a string Word (a URL, a header value, a template hole, a concatenation), as the language would print it. */
export function valueWord(v: EvalVal, lang: Lang): Word {
  return wordOf(v, lang, { left: MAX_WORD_NODES });
}

/** The most values one valueWord renders (JavaScript arrays join their items, arrays of arrays too). */
const MAX_WORD_NODES = 4096;

function wordOf(v: EvalVal, lang: Lang, budget: { left: number }): Word {
  const sp = SPELLING[lang];
  if (--budget.left < 0) return unknownWord('object');
  switch (v.kind) {
    case 'string':
      return v.word;
    case 'number':
      return litWord(numberText(v.value, lang));
    case 'bool':
      return litWord(v.value ? sp.true : sp.false);
    case 'null':
      return litWord(sp.null);
    case 'undef':
      return litWord(sp.undef);
    case 'unknown':
      return unknownWord(v.text);
    case 'ref':
      return unknownWord(describe(v.path));
    case 'func':
      return unknownWord(describe(v.fn.name));
    case 'jsontext': {
      const t = literalJson(v.value);
      return t === null ? unknownWord(sp.json) : capWord(litWord(t));
    }
    case 'array': {
      if (!sp.joinsArrays) return unknownWord('object');
      // Array.prototype.toString: items joined by commas, null and undefined as empty.
      const words: Word[] = [];
      v.items.slice(0, 64).forEach((x, i) => {
        if (i) words.push(litWord(','));
        words.push(x.kind === 'null' || x.kind === 'undef' ? litWord('') : wordOf(x, lang, budget));
      });
      return { parts: mergeLits(words.flatMap((w) => w.parts)) };
    }
    default:
      return unknownWord('object');
  }
}

/**
 * The most nodes a converted value expands to. Code can share a container
 * (`m1 = [m0, m0]`, `m2 = [m1, m1]`, ...): its tree doubles with every line,
 * and a 400-byte paste would expand to gigabytes wherever the value is turned
 * into JSON or text (it ran out of memory). A container whose tree holds more
 * is `unknown` (no literal of a 256 KiB paste comes near: each node is at least
 * two characters, and a literal list holds at most MAX_ITEMS items).
 */
export const MAX_NODES = 100_000;
/** The deepest a converted value nests (a chain of variables, each wrapping the last, has no bracket to count). */
const MAX_VALUE_DEPTH = 64;

interface Converted {
  v: Value;
  /** Nodes of its tree, shared subtrees counted each time they occur. */
  size: number;
  height: number;
}

/** Conversions of containers by identity, per language: a shared container is converted once. */
const converted: Record<Lang, WeakMap<object, Converted>> = { python: new WeakMap(), javascript: new WeakMap() };
/** The tree size of every container jsonValue returned. */
const sizes = new WeakMap<object, number>();

/**
 * A value as call-model JSON (for bodies): `undefined` and function members
 * are dropped as JSON.stringify drops them, `undefined` items become null.
 * Containers are converted once each (memoized by identity), so the work is
 * linear in the values the code built; a result past MAX_NODES nodes or
 * MAX_VALUE_DEPTH levels is `unknown`.
 */
export function jsonValue(v: EvalVal, lang: Lang): Value {
  return convert(v, lang, 0).v;
}

const leaf = (v: Value): Converted => ({ v, size: 1, height: 0 });

function convert(v: EvalVal, lang: Lang, depth: number): Converted {
  switch (v.kind) {
    case 'null':
    case 'bool':
    case 'number':
    case 'string':
    case 'unknown':
      return leaf(v);
    case 'object':
    case 'array': {
      const memo = converted[lang];
      const hit = memo.get(v);
      if (hit) return hit;
      // Past the depth, not remembered: the same container met nearer the top converts whole.
      if (depth > MAX_VALUE_DEPTH) return leaf(unknown('too deeply nested'));
      let size = 1;
      let height = 0;
      let same = true;
      let out: Value | null = null;
      const add = (x: EvalVal): Value | null => {
        const c = convert(x, lang, depth + 1);
        size += c.size;
        height = Math.max(height, c.height + 1);
        if (c.v !== x) same = false;
        return size > MAX_NODES || height > MAX_VALUE_DEPTH ? null : c.v;
      };
      if (v.kind === 'object') {
        const entries: Array<[string, Value]> = [];
        for (const [k, x] of v.entries) {
          if (x.kind === 'undef' || x.kind === 'func') {
            same = false;
            continue;
          }
          const y = add(x);
          if (y === null) break;
          entries.push([k, y]);
        }
        if (size <= MAX_NODES && height <= MAX_VALUE_DEPTH) out = same ? (v as Value) : { kind: 'object', entries };
      } else {
        const items: Value[] = [];
        for (const x of v.items) {
          const y = add(x);
          if (y === null) break;
          items.push(y);
        }
        if (size <= MAX_NODES && height <= MAX_VALUE_DEPTH) out = same ? (v as Value) : { kind: 'array', items };
      }
      const r: Converted = out ? { v: out, size, height } : leaf(unknown(size > MAX_NODES ? 'too large to follow' : 'too deeply nested'));
      if (out) sizes.set(out, size);
      memo.set(v, r);
      return r;
    }
    case 'undef':
      return leaf({ kind: 'null' });
    case 'ref':
      return leaf(unknown(describe(v.path)));
    case 'func':
      return leaf(unknown(describe(v.fn.name)));
    case 'jsontext': {
      const t = literalJson(v.value);
      return leaf(t === null ? unknown(SPELLING[lang].json) : str(t));
    }
    case 'aimodel':
      return leaf(v.model);
    default:
      return leaf(unknown(SPELLING[lang].opaque));
  }
}

/**
 * How many nodes the value's tree holds, shared subtrees counted each time,
 * stopping at `cap`: known at once for what jsonValue returned, else counted
 * (never more than `cap` steps). A walker charges it to its step budget.
 */
export function valueNodes(v: Value, cap = MAX_NODES + 1): number {
  let n = 0;
  const stack: Value[] = [v];
  while (stack.length && n < cap) {
    const x = stack.pop()!;
    const known = x.kind === 'object' || x.kind === 'array' ? sizes.get(x) : 1;
    if (known !== undefined) {
      n += known;
      continue;
    }
    n++;
    if (x.kind === 'array') for (const y of x.items) stack.push(y);
    else if (x.kind === 'object') for (const [, y] of x.entries) stack.push(y);
  }
  return Math.min(n, cap);
}

/** The language's truthiness where it is known (`if x`, `x or y`, `x || y`). */
export function truthy(v: EvalVal, lang: Lang): boolean | undefined {
  const sp = SPELLING[lang];
  switch (v.kind) {
    case 'null':
    case 'undef':
      return false;
    case 'bool':
      return v.value;
    case 'number':
      return v.value !== 0 && !(sp.nanFalsy && Number.isNaN(v.value));
    case 'string':
      if (v.word.parts.length === 0) return false;
      return v.word.parts.some((p) => p.kind === 'lit' && p.text !== '') ? true : undefined;
    case 'array':
      return !sp.emptyContainersFalsy || v.items.length > 0;
    case 'object':
      return !sp.emptyContainersFalsy || v.entries.length > 0;
    case 'client':
    case 'func':
    case 'aimodel':
    case 'request':
    case 'jsontext':
      return true;
    default:
      return undefined;
  }
}

/**
 * Sets `path` inside an object (or an array, at a numeric index) value,
 * creating objects on the way; returns the new value, the old one untouched.
 */
export function setPath<V extends EvalVal>(obj: V, path: string[], v: V): V {
  if (path.length === 0) return v;
  const empty = (): V => ({ kind: 'object', entries: [] }) as unknown as V;
  if (obj.kind === 'array' && /^\d+$/.test(path[0])) {
    const i = Number(path[0]);
    if (i > obj.items.length || i > 10_000) return obj;
    const items = obj.items.slice() as V[];
    items[i] = setPath(items[i] ?? empty(), path.slice(1), v);
    return { kind: 'array', items } as unknown as V;
  }
  const [k, ...rest] = path;
  const entries = (obj.kind === 'object' ? obj.entries.slice() : []) as Array<[string, V]>;
  const i = entries.findIndex(([x]) => x === k);
  const child = setPath(i >= 0 ? entries[i][1] : empty(), rest, v);
  if (i >= 0) entries[i] = [k, child];
  else entries.push([k, child]);
  return { kind: 'object', entries } as unknown as V;
}

/**
 * Headers / query parameters as name -> Word pairs: an object, or a list of
 * `[k, v]` pairs; null when unknown. JavaScript drops `null`/`undefined`
 * members as the SDKs and fetch do.
 */
export function pairsOf(v: Value | undefined, lang: Lang): Array<[string, Word]> | null {
  if (!v || v.kind === 'null') return [];
  if (v.kind === 'object') return v.entries.filter(([, x]) => lang === 'python' || x.kind !== 'null').map(([k, x]) => [k, valueWord(x, lang)]);
  if (v.kind === 'array') {
    const out: Array<[string, Word]> = [];
    for (const it of v.items) {
      if (it.kind !== 'array' || it.items.length !== 2) return null;
      const k = literalText(valueWord(it.items[0], lang));
      if (k === null) return null;
      out.push([k, valueWord(it.items[1], lang)]);
    }
    return out;
  }
  return null;
}

/** Object entries with later keys replacing earlier ones in place (dict / object literal semantics). */
export function putEntry<T>(entries: Array<[string, T]>, k: string, v: T): void {
  const i = entries.findIndex(([x]) => x === k);
  if (i >= 0) entries[i] = [k, v];
  else entries.push([k, v]);
}

/** camelCase -> snake_case, as Speakeasy SDKs and the AI SDK rename request fields. */
export function snake(k: string): string {
  return k.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/** Renames keys to snake_case recursively, except inside JSON schemas and tool parameter objects. */
export function snakeKeys(v: Value, depth = 0): Value {
  if (depth > 32) return v;
  if (v.kind === 'array') return { kind: 'array', items: v.items.map((x) => snakeKeys(x, depth + 1)) };
  if (v.kind !== 'object') return v;
  return {
    kind: 'object',
    entries: v.entries.map(([k, x]): [string, Value] => [snake(k), ['schema', 'parameters', 'properties', 'metadata'].includes(k) ? x : snakeKeys(x, depth + 1)]),
  };
}

/** snake_case -> camelCase (Google Gen AI's REST fields). */
export function camel(k: string): string {
  return k.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

export function camelKeys(v: Value, depth = 0): Value {
  if (depth > 32) return v;
  if (v.kind === 'object') return { kind: 'object', entries: v.entries.map(([k, x]) => [camel(k), camelKeys(x, depth + 1)]) };
  if (v.kind === 'array') return { kind: 'array', items: v.items.map((x) => camelKeys(x, depth + 1)) };
  return v;
}

// ---------------------------------------------------------------- what code passes around before it is a request
// Generic over the language's value type V (PyVal, JsVal) and function node N.

/** An imported or global name as the imports qualify it: `openai.OpenAI`, `openai:default`, `process.env`. */
export interface RefVal {
  kind: 'ref';
  path: string;
}

/** A client object: an SDK client (its binding) or an HTTP session / axios instance. */
export interface ClientObjOf<V> {
  id: number;
  kind: 'sdk' | 'http';
  sdk?: import('../sdk/data.js').Sdk;
  /** Python HTTP sessions: which library. */
  http?: 'requests' | 'httpx' | 'aiohttp' | 'http.client';
  /** Constructor keywords / options-object entries, in source order (`with_options`/`withOptions` merged in). */
  opts: Array<[string, V]>;
  /** HTTP session / axios instance defaults. */
  headers: Array<[string, Word]>;
  params: Array<[string, Word]>;
  baseUrl?: Word;
  basicAuth?: Word;
  line: number;
  /** Position of the constructor call (a LangChain model's call is keyed by it). */
  pos: number;
  /** REST-level clients (`client.path("/chat/completions")`): the request path chosen, as written. */
  restPath?: Word;
}

export interface ClientValOf<V> {
  kind: 'client';
  client: ClientObjOf<V>;
}

/** An attribute path on a client (`client.chat.completions`, `session.headers`). */
export interface ClientAttrValOf<V> {
  kind: 'clientattr';
  client: ClientObjOf<V>;
  path: string[];
}

/** A function of the snippet, evaluated at most once. */
export interface FuncDefOf<V, N> {
  name: string;
  node: N;
  scope: unknown;
  state: 'new' | 'running' | 'done';
  ret?: V;
  /** Python: defined in a class body (its first parameter is `self`). */
  isMethod?: boolean;
}

export interface FuncValOf<V, N> {
  kind: 'func';
  fn: FuncDefOf<V, N>;
}

/** `json.dumps(x)` / `JSON.stringify(x)`: a string whose content is the JSON of x. */
export interface JsonTextVal {
  kind: 'jsontext';
  value: Value;
}
