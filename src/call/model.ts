// The common call model: the one shape every front-end (curl, Python, JS)
// produces and the extractor consumes. Front-ends know syntax, not vendors;
// this file is the boundary between them.
//
// Guarantee: a value that came from the input keeps, part by part, whether it
// was literal text, a reference to an environment variable, or something the
// front-end could not evaluate. That distinction is what separates `$KEY`
// (a reference) from a pasted key (a secret), so nothing downstream ever has
// to re-parse syntax to find out.

/** A position in the (intake-normalised) input: 1-based line and column. */
export interface Span {
  line: number;
  column: number;
}

/** Literal text written in the input. */
export interface LitPart {
  kind: 'lit';
  text: string;
}

/**
 * A reference to an environment variable (`$X`, `${X}`, `%X%`, `$env:X`,
 * `os.environ["X"]`, `process.env.X`, an SDK's implicit default...).
 * `implicit` marks a variable the client reads without the text naming it.
 */
export interface EnvPart {
  kind: 'env';
  name: string;
  implicit?: boolean;
  /** A default written in the text (`os.environ.get("X", "dflt")`, `${X:-dflt}`). */
  fallback?: string;
  /**
   * The value the paste itself assigned to the variable before using it
   * (`export KEY=...`, `BASE=...; curl $BASE/...`, `os.environ["X"] = "..."`).
   * The reference is kept (it names the key variable); the extractor uses the
   * value where a value is needed (a URL) and checks it for secrets.
   */
  assigned?: Part[];
}

/** Something the front-end could not evaluate (a function call, an unknown name). */
export interface UnknownPart {
  kind: 'unknown';
  /** Short description, e.g. the source expression; never a secret (front-ends only put names here). */
  text: string;
}

export type Part = LitPart | EnvPart | UnknownPart;

/** A string value assembled from parts: `"Bearer " + $OPENAI_API_KEY`. */
export interface Word {
  parts: Part[];
  span?: Span;
}

/**
 * A JSON-like value whose strings may be Words. Objects keep key order.
 * `{ kind: 'unknown' }` stands for an expression that could not be evaluated.
 */
export type Value =
  | { kind: 'null' }
  | { kind: 'bool'; value: boolean }
  | { kind: 'number'; value: number }
  | { kind: 'string'; word: Word }
  | { kind: 'array'; items: Value[] }
  | { kind: 'object'; entries: Array<[string, Value]> }
  | { kind: 'unknown'; text: string };

export interface Header {
  name: string;
  value: Word;
  span?: Span;
}

export type Body =
  | { type: 'json'; value: Value }
  /** Text that is not JSON (or not yet known to be). */
  | { type: 'text'; text: Word }
  /** `-F` multipart or urlencoded fields. */
  | { type: 'form'; fields: Array<{ name: string; value: Word }> };

/**
 * What an SDK front-end knows about the client that makes the call, so the
 * extractor can report defaults (base URL, key variable) without knowing the
 * SDK's syntax. Absent for raw HTTP (curl, requests, fetch).
 */
export interface ClientInfo {
  /** e.g. 'openai-python', 'anthropic-python', 'mistralai', 'langchain-openai'. */
  sdk: string;
  /** The URL was not given in the text: the SDK's documented default was used. */
  base_url_defaulted?: boolean;
  /** The key argument was absent: the SDK reads this variable by itself. */
  key_defaulted?: boolean;
}

export interface HttpCall {
  /** 'curl', 'requests', 'httpx', 'aiohttp', 'openai-sdk', 'anthropic-sdk', 'fetch', ... */
  client: string;
  method: string;
  /** Full request URL, query included, as a Word. */
  url: Word;
  headers: Header[];
  body: Body | null;
  /** `-u user:pass` style credentials, kept out of headers until extraction. */
  basic_auth?: Word;
  client_info?: ClientInfo;
  /**
   * The wire an SDK call speaks, set when the SDK is known (src/sdk/lower.ts), so the
   * extractor needs no SDK data of its own; absent for raw HTTP.
   */
  wire?: string;
  span?: Span;
}

/**
 * An SDK call as a front-end found it, before it is lowered to the request it
 * sends (src/sdk/lower.ts reads grammar/sdks/ for that). Front-ends fill it
 * from syntax alone: which binding (by id) a name resolved to, the neutral
 * Values of the constructor's keywords/options and of the call's arguments.
 */
export interface SdkCall {
  kind: 'sdk';
  /** The binding id (grammar/sdks/*.yaml `bindings[].id`): `openai-python`, `ai-sdk-groq`. */
  sdk: string;
  /** Constructor keywords (Python) or options-object entries (JS), in source order; null: a fragment, the client is never built. */
  ctor: Array<[string, Value]> | null;
  /**
   * The method path after the client, normalised (`chat.completions.create`);
   * null for a client built but never called, and for a model whose
   * construction is the call (LangChain). For Vercel AI SDK providers: the
   * provider method that made the model (`chat`; `languageModel` for calling
   * the provider itself), the model id as the first positional argument.
   */
  method: string | null;
  /** Python keyword arguments, or the entries of a JS method's parameters object. */
  kwargs: Array<[string, Value]>;
  positional: Value[];
  /** A `**x` whose content is unknown. */
  unknownSplat?: boolean;
  /** JS request options (the method's second argument: `headers`, `query`). */
  options?: Value;
  /** Module-level settings of the binding's module (`openai.api_base = ...`) for module calls: attribute -> value. */
  module?: Array<[string, Value]>;
  /** Vercel AI SDK: the `generateText`/`streamText` options that send the model's request. */
  generate?: { kwargs: Array<[string, Value]>; stream: boolean };
  /**
   * Constructor keywords whose value is another SDK object (a pydantic-ai
   * provider given to a model class): keyword -> that object's own SdkCall
   * (its constructor entries; method null).
   */
  nested?: Array<[string, SdkCall]>;
  /** REST-level clients: the request path given to the client (`client.path("/chat/completions").post(...)`); `method` is then the HTTP verb. */
  path?: string;
  line?: number;
}

export type { Warning } from '../codes.js';
import type { Warning } from '../codes.js';

/** What a front-end returns: the calls it found, plus what it had to guess. */
export interface FrontEndResult {
  calls: HttpCall[];
  warnings: Warning[];
  /** Variables assigned in the paste (`export KEY=...`, `KEY = os.environ[...]`): name -> source variable or literal. */
  assignments?: Record<string, Word>;
}

// ---------- helpers shared by front-ends and the extractor ----------

export const lit = (text: string): LitPart => ({ kind: 'lit', text });
export const env = (name: string, extra: Partial<Omit<EnvPart, 'kind' | 'name'>> = {}): EnvPart => ({
  kind: 'env',
  name,
  ...extra,
});
export const wordOf = (...parts: Part[]): Word => ({ parts: mergeLits(parts) });
export const litWord = (text: string): Word => ({ parts: [lit(text)] });

/** Joins adjacent literal parts and drops empty ones, so words compare simply. */
export function mergeLits(parts: Part[]): Part[] {
  const out: Part[] = [];
  // A run of literal parts becomes one part, built once at the run's end (not one object per step).
  let first: LitPart | null = null;
  let text = '';
  let joined = false;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (p.kind === 'lit') {
      if (p.text === '') continue;
      if (first === null) {
        first = p;
        text = p.text;
        joined = false;
      } else {
        text += p.text;
        joined = true;
      }
      continue;
    }
    if (first !== null) {
      out.push(joined ? lit(text) : first);
      first = null;
    }
    out.push(p);
  }
  if (first !== null) out.push(joined ? lit(text) : first);
  return out;
}

export function concatWords(...words: Word[]): Word {
  const parts: Part[] = [];
  for (let i = 0; i < words.length; i++) {
    const wp = words[i].parts;
    for (let j = 0; j < wp.length; j++) parts.push(wp[j]);
  }
  return { parts: mergeLits(parts), span: words[0]?.span };
}

/** True when the word is made of literal text only. */
export function isLiteral(w: Word): boolean {
  const parts = w.parts;
  for (let i = 0; i < parts.length; i++) if (parts[i].kind !== 'lit') return false;
  return true;
}

/** The literal text of a word, with references rendered as `${NAME}` and unknowns as `<?>`. */
export function renderWord(w: Word): string {
  // Plain loops, no closures: these run on every word of every parse, mostly before the JIT
  // has optimised them, where each callback and intermediate array costs.
  const parts = w.parts;
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    out += p.kind === 'lit' ? p.text : p.kind === 'env' ? '${' + p.name + '}' : '<?>';
  }
  return out;
}

export function literalText(w: Word): string | null {
  const parts = w.parts;
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (p.kind !== 'lit') return null;
    out += p.text;
  }
  return out;
}

export function envNames(w: Word): string[] {
  return w.parts.filter((p): p is EnvPart => p.kind === 'env').map((p) => p.name);
}

export const strValue = (w: Word | string): Value => ({
  kind: 'string',
  word: typeof w === 'string' ? litWord(w) : w,
});

/** Converts plain JSON into a Value. */
export function valueFromJson(v: unknown): Value {
  if (v === null || v === undefined) return { kind: 'null' };
  if (typeof v === 'boolean') return { kind: 'bool', value: v };
  if (typeof v === 'number') return { kind: 'number', value: v };
  if (typeof v === 'string') return strValue(v);
  if (Array.isArray(v)) return { kind: 'array', items: v.map(valueFromJson) };
  if (typeof v === 'object')
    return { kind: 'object', entries: Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, valueFromJson(x)]) };
  return { kind: 'unknown', text: typeof v };
}

/**
 * Converts a Value to plain JSON for output. Strings with references render
 * as `${NAME}`; unknowns become null unless `keepUnknown` is given.
 */
export function valueToJson(v: Value, keepUnknown = false): unknown {
  switch (v.kind) {
    case 'null':
      return null;
    case 'bool':
    case 'number':
      return v.value;
    case 'string':
      return renderWord(v.word);
    case 'array': {
      const items = v.items;
      const out: unknown[] = [];
      for (let i = 0; i < items.length; i++) out.push(valueToJson(items[i], keepUnknown));
      return out;
    }
    case 'object': {
      const o: Record<string, unknown> = {};
      const entries = v.entries;
      for (let i = 0; i < entries.length; i++) {
        const k = entries[i][0];
        if (k !== '__proto__') o[k] = valueToJson(entries[i][1], keepUnknown);
      }
      return o;
    }
    case 'unknown':
      return keepUnknown ? `<unknown: ${v.text}>` : null;
  }
}

export function objectGet(v: Value | undefined, key: string): Value | undefined {
  if (!v || v.kind !== 'object') return undefined;
  for (let i = v.entries.length - 1; i >= 0; i--) if (v.entries[i][0] === key) return v.entries[i][1];
  return undefined;
}

/** Shallow-merges object b into a (b wins), as the OpenAI SDK merges `extra_body`. */
export function mergeObjects(a: Value, b: Value): Value {
  if (a.kind !== 'object' || b.kind !== 'object') return b;
  const entries = a.entries.filter(([k]) => !b.entries.some(([k2]) => k2 === k));
  return { kind: 'object', entries: [...entries, ...b.entries] };
}

/** JSON text of a fully literal value (no references, no unknowns), or null. */
export function literalJson(v: Value): string | null {
  if (v.kind !== 'array' && v.kind !== 'object' && v.kind !== 'string') return renderJson(v);
  let t = jsonTexts.get(v);
  if (t === undefined) jsonTexts.set(v, (t = renderJson(v)));
  return t;
}

/** literalJson of strings and containers already rendered (code may render one long or shared value many times). */
const jsonTexts = new WeakMap<Value, string | null>();
/** The most nodes literalJson renders: a value that shares itself can expand past any size. */
const MAX_JSON_NODES = 100_000;
/**
 * The most characters of strings and keys it renders (the input's size cap):
 * JSON-encoding JSON text escapes its quotes, so `JSON.stringify(JSON.stringify(...))`
 * nested 30 deep built a string of a billion characters.
 */
const MAX_JSON_CHARS = 256 * 1024;

function renderJson(v: Value): string | null {
  const FAIL = Symbol('fail');
  let nodes = 0;
  let chars = 0;
  const plain = (x: Value, depth: number): unknown => {
    if (depth > 64 || ++nodes > MAX_JSON_NODES) return FAIL;
    switch (x.kind) {
      case 'null':
        return null;
      case 'bool':
      case 'number':
        return x.value;
      case 'string': {
        const t = isLiteral(x.word) ? literalText(x.word) : null;
        return t === null || (chars += t.length) > MAX_JSON_CHARS ? FAIL : t;
      }
      case 'array': {
        const out: unknown[] = [];
        for (const y of x.items) {
          const z = plain(y, depth + 1);
          if (z === FAIL) return FAIL;
          out.push(z);
        }
        return out;
      }
      case 'object': {
        const out: Record<string, unknown> = {};
        for (const [k, y] of x.entries) {
          const z = plain(y, depth + 1);
          if (z === FAIL || (chars += k.length) > MAX_JSON_CHARS) return FAIL;
          if (k !== '__proto__') out[k] = z;
        }
        return out;
      }
      default:
        return FAIL;
    }
  };
  const out = plain(v, 0);
  if (out === FAIL) return null;
  try {
    return JSON.stringify(out);
  } catch {
    return null;
  }
}
