// The evaluator's values: the call model's JSON-like `Value` (strings are
// Words, so env references survive), plus what Python code passes around
// before it becomes a request: imported names, clients, functions, the text
// of `json.dumps(x)`.
// Guarantee: conversions never throw and never invent a value: what cannot be
// rendered becomes an explicit `unknown` part or value.
import { litWord, literalJson, type Value, type Word } from '../call/model.js';
import { capWord, describe, numberText as numberTextOf, unknown, type ClientAttrValOf, type ClientObjOf, type ClientValOf, type FuncDefOf, type FuncValOf, type JsonTextVal, type RefVal } from '../eval/values.js';

export { capWord, describe, unknown };

export { literalJson };
import type { SyntaxNode } from '@lezer/common';

export type { RefVal, JsonTextVal };
export type ClientObj = ClientObjOf<PyVal>;
export type ClientVal = ClientValOf<PyVal>;
export type ClientAttrVal = ClientAttrValOf<PyVal>;
export type FuncDef = FuncDefOf<PyVal, SyntaxNode>;
export type FuncVal = FuncValOf<PyVal, SyntaxNode>;

export type PyVal = Value | RefVal | ClientVal | ClientAttrVal | FuncVal | JsonTextVal;

export const NONE: Value = { kind: 'null' };



export function isValue(v: PyVal): v is Value {
  return ['null', 'bool', 'number', 'string', 'array', 'object', 'unknown'].includes(v.kind);
}

/** Python's rendering of a number in str()/f-strings, close enough for URLs and headers. */
export const numberText = (n: number): string => numberTextOf(n, 'python');


/** The value as a string Word (f-string holes, concatenation, URL and header values). */
export function toWord(v: PyVal): Word {
  switch (v.kind) {
    case 'string':
      return v.word;
    case 'number':
      return litWord(numberText(v.value));
    case 'bool':
      return litWord(v.value ? 'True' : 'False');
    case 'null':
      return litWord('None');
    case 'unknown':
      return { parts: [{ kind: 'unknown', text: v.text }] };
    case 'ref':
      return { parts: [{ kind: 'unknown', text: describe(v.path) }] };
    case 'jsontext': {
      const t = literalJson(v.value);
      return t === null ? { parts: [{ kind: 'unknown', text: 'json.dumps(...)' }] } : litWord(t);
    }
    case 'func':
      return { parts: [{ kind: 'unknown', text: describe(v.fn.name) }] };
    default:
      return { parts: [{ kind: 'unknown', text: 'object' }] };
  }
}

/** The value as call-model JSON (for bodies). */
export function toValue(v: PyVal): Value {
  if (isValue(v)) return v;
  switch (v.kind) {
    case 'ref':
      return unknown(describe(v.path));
    case 'jsontext': {
      const t = literalJson(v.value);
      return t === null ? unknown('json.dumps(...)') : { kind: 'string', word: litWord(t) };
    }
    case 'func':
      return unknown(describe(v.fn.name));
    case 'client':
    case 'clientattr':
      return unknown('client object');
  }
}

/** Python truthiness where it is known: `None`, `''`, `0`, `False`, empty containers. */
export function truthy(v: PyVal): boolean | undefined {
  switch (v.kind) {
    case 'null':
      return false;
    case 'bool':
      return v.value;
    case 'number':
      return v.value !== 0;
    case 'string':
      if (v.word.parts.length === 0) return false;
      return v.word.parts.some((p) => p.kind === 'lit' && p.text !== '') ? true : undefined;
    case 'array':
      return v.items.length > 0;
    case 'object':
      return v.entries.length > 0;
    case 'client':
    case 'func':
      return true;
    default:
      return undefined;
  }
}

/** Sets `path` inside an object value (creating objects on the way), returning the new object. */
export function setPath(obj: Value, path: string[], v: Value): Value {
  if (path.length === 0) return v;
  const base: Value = obj.kind === 'object' ? obj : { kind: 'object', entries: [] };
  if (base.kind !== 'object') return base;
  const [k, ...rest] = path;
  const entries = base.entries.slice();
  const i = entries.findIndex(([x]) => x === k);
  const child = setPath(i >= 0 ? entries[i][1] : { kind: 'object', entries: [] }, rest, v);
  if (i >= 0) entries[i] = [k, child];
  else entries.push([k, child]);
  return { kind: 'object', entries };
}
