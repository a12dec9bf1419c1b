// The JavaScript evaluator's values: the call model's JSON-like `Value`
// (strings are Words, so env references survive), plus what JS code passes
// around before it becomes a request: imported names, clients, functions,
// the text of `JSON.stringify(x)`, AI SDK model objects, `undefined`.
// The conversions (to Words, to JSON, truthiness, path updates) are the shared
// ones of src/eval/values.ts with JavaScript's spelling; this file only names them.
// Guarantee: conversions never throw and never invent a value: what cannot be
// rendered becomes an explicit `unknown` part or value.
import type { Value, Word } from '../call/model.js';
import { jsonValue, numberText as numberTextOf, setPath as setPathOf, truthy as truthyIn, valueWord, type ClientAttrValOf, type ClientObjOf, type ClientValOf, type FuncDefOf, type FuncValOf, type JsonTextVal, type RefVal } from '../eval/values.js';

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
export const numberText = (n: number): string => numberTextOf(n, 'javascript');

/** The value as a string Word (template holes, concatenation, URL and header values). */
export const toWord = (v: JsVal): Word => valueWord(v, 'javascript');

/** The value as call-model JSON (for bodies); `undefined` members are dropped as JSON.stringify drops them. */
export const toValue = (v: JsVal): Value => jsonValue(v, 'javascript');

/** JavaScript truthiness where it is known. */
export const truthy = (v: JsVal): boolean | undefined => truthyIn(v, 'javascript');

/** Sets `path` inside an object value (creating objects on the way), returning the new object. */
export const setPath = (obj: JsVal, path: string[], v: JsVal): JsVal => setPathOf<JsVal>(obj, path, v);
