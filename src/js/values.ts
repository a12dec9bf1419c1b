// The JavaScript evaluator's values: the call model's JSON-like `Value`
// (strings are Words, so env references survive), plus what JS code passes
// around before it becomes a request: imported names, clients, functions,
// the text of `JSON.stringify(x)`, AI SDK model objects, `undefined`.
// Guarantee: conversions never throw and never invent a value: what cannot be
// rendered becomes an explicit `unknown` part or value.
import { litWord, literalJson, mergeLits, type Value, type Word } from '../call/model.js';
import { capWord, describe, putEntry, snake, snakeKeys, str, unknown, type ClientAttrValOf, type ClientObjOf, type ClientValOf, type FuncDefOf, type FuncValOf, type JsonTextVal, type RefVal } from '../eval/values.js';

export { capWord, describe, putEntry, snake, snakeKeys, str, unknown };

export { literalJson };

export type { RefVal, JsonTextVal };
export type ClientObj = ClientObjOf<JsVal>;
export type ClientVal = ClientValOf<JsVal>;
export type ClientAttrVal = ClientAttrValOf<JsVal>;
/** A function of the snippet; `node` is the ESTree function node. */
export type FuncDef = FuncDefOf<JsVal, unknown>;
export type FuncVal = FuncValOf<JsVal, unknown>;

/** An AI SDK model object (`openai("gpt-4o")`, `provider.chat("m")`). */
export interface AiModelVal {
  kind: 'aimodel';
  client: ClientObj;
  /** The provider method that made it (`chat`; `languageModel` for the provider itself). */
  method: string;
  model: Value;
  pos: number;
}

/** `new Request(url, init)`. */
export interface RequestVal {
  kind: 'request';
  url: JsVal;
  init?: JsVal;
}

export interface UndefVal {
  kind: 'undef';
}

/** An object literal as the code holds it: members may be clients, functions, models. */
export interface JsObject {
  kind: 'object';
  entries: Array<[string, JsVal]>;
}

export interface JsArray {
  kind: 'array';
  items: JsVal[];
}

type Scalar = Exclude<Value, { kind: 'object' } | { kind: 'array' }>;

export type JsVal = Scalar | JsObject | JsArray | RefVal | ClientVal | ClientAttrVal | FuncVal | JsonTextVal | AiModelVal | RequestVal | UndefVal;

export const NULL: Value = { kind: 'null' };
export const UNDEF: UndefVal = { kind: 'undef' };



export function isScalar(v: JsVal): v is Scalar {
  return ['null', 'bool', 'number', 'string', 'unknown'].includes(v.kind);
}

/** Absent in JavaScript's sense for an option: `undefined` or `null`. */
export function isAbsent(v: JsVal | undefined): boolean {
  return !v || v.kind === 'undef' || v.kind === 'null';
}


/** JavaScript's rendering of a number in templates and concatenation. */
export function numberText(n: number): string {
  return String(n);
}

/** The value as a string Word (template holes, concatenation, URL and header values). */
export function toWord(v: JsVal): Word {
  switch (v.kind) {
    case 'string':
      return v.word;
    case 'number':
      return litWord(numberText(v.value));
    case 'bool':
      return litWord(v.value ? 'true' : 'false');
    case 'null':
      return litWord('null');
    case 'undef':
      return litWord('undefined');
    case 'unknown':
      return { parts: [{ kind: 'unknown', text: v.text }] };
    case 'ref':
      return { parts: [{ kind: 'unknown', text: describe(v.path) }] };
    case 'jsontext': {
      const t = literalJson(v.value);
      return t === null ? { parts: [{ kind: 'unknown', text: 'JSON.stringify(...)' }] } : litWord(t);
    }
    case 'func':
      return { parts: [{ kind: 'unknown', text: describe(v.fn.name) }] };
    case 'array': {
      // Array.prototype.toString: items joined by commas.
      const words: Word[] = [];
      v.items.slice(0, 64).forEach((x, i) => {
        if (i) words.push(litWord(','));
        words.push(x.kind === 'null' || x.kind === 'undef' ? litWord('') : toWord(x));
      });
      return { parts: mergeLits(words.flatMap((w) => w.parts)) };
    }
    default:
      return { parts: [{ kind: 'unknown', text: 'object' }] };
  }
}

/** The value as call-model JSON (for bodies); `undefined` members are dropped as JSON.stringify drops them. */
export function toValue(v: JsVal, depth = 0): Value {
  if (isScalar(v)) return v;
  if (depth > 64) return unknown('too deeply nested');
  switch (v.kind) {
    case 'object': {
      const entries: Array<[string, Value]> = [];
      for (const [k, x] of v.entries) if (x.kind !== 'undef' && x.kind !== 'func') entries.push([k, toValue(x, depth + 1)]);
      return { kind: 'object', entries };
    }
    case 'array':
      return { kind: 'array', items: v.items.map((x) => toValue(x, depth + 1)) };
    case 'undef':
      return NULL;
    case 'ref':
      return unknown(describe(v.path));
    case 'jsontext': {
      const t = literalJson(v.value);
      return t === null ? unknown('JSON.stringify(...)') : { kind: 'string', word: litWord(t) };
    }
    case 'func':
      return unknown(describe(v.fn.name));
    case 'aimodel':
      return v.model;
    default:
      return unknown('object');
  }
}

/** JavaScript truthiness where it is known. */
export function truthy(v: JsVal): boolean | undefined {
  switch (v.kind) {
    case 'null':
    case 'undef':
      return false;
    case 'bool':
      return v.value;
    case 'number':
      return v.value !== 0 && !Number.isNaN(v.value);
    case 'string':
      if (v.word.parts.length === 0) return false;
      return v.word.parts.some((p) => p.kind === 'lit' && p.text !== '') ? true : undefined;
    case 'array':
    case 'object':
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

/** Sets `path` inside an object value (creating objects on the way), returning the new object. */
export function setPath(obj: JsVal, path: string[], v: JsVal): JsVal {
  if (path.length === 0) return v;
  if (obj.kind === 'array' && /^\d+$/.test(path[0])) {
    const i = Number(path[0]);
    if (i > obj.items.length || i > 10_000) return obj;
    const items = obj.items.slice();
    items[i] = setPath(items[i] ?? { kind: 'object', entries: [] }, path.slice(1), v);
    return { kind: 'array', items };
  }
  const base: JsObject = obj.kind === 'object' ? obj : { kind: 'object', entries: [] };
  const [k, ...rest] = path;
  const entries = base.entries.slice();
  const i = entries.findIndex(([x]) => x === k);
  const child = setPath(i >= 0 ? entries[i][1] : { kind: 'object', entries: [] }, rest, v);
  if (i >= 0) entries[i] = [k, child];
  else entries.push([k, child]);
  return { kind: 'object', entries };
}



