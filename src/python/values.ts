// The evaluator's values: the call model's JSON-like `Value` (strings are
// Words, so env references survive), plus what Python code passes around
// before it becomes a request: imported names, clients, functions, the text
// of `json.dumps(x)`.
// The conversions (to Words, to JSON, truthiness, path updates) are the shared
// ones of src/eval/values.ts with Python's spelling; this file only names them.
// Guarantee: conversions never throw and never invent a value: what cannot be
// rendered becomes an explicit `unknown` part or value.
import type { Value, Word } from '../call/model.js';
import { jsonValue, numberText as numberTextOf, setPath as setPathOf, truthy as truthyIn, valueWord, type ClientAttrValOf, type ClientObjOf, type ClientValOf, type FuncDefOf, type FuncValOf, type JsonTextVal, type RefVal } from '../eval/values.js';

import type { SyntaxNode } from '@lezer/common';

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
export const toWord = (v: PyVal): Word => valueWord(v, 'python');

/**
 * The value as call-model JSON (for bodies). Dicts and lists hold call-model
 * Values already, and come back as they are unless they nest or expand past
 * the bounds of jsonValue (a list that holds itself twice, line after line).
 */
export const toValue = (v: PyVal): Value => jsonValue(v, 'python');

/** Python truthiness where it is known: `None`, `''`, `0`, `False`, empty containers. */
export const truthy = (v: PyVal): boolean | undefined => truthyIn(v, 'python');

/** Sets `path` inside a dict (or a list, at an index), returning the new value. */
export const setPath = (obj: Value, path: string[], v: Value): Value => setPathOf<Value>(obj, path, v);
