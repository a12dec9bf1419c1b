// The raw HTTP requests a JavaScript snippet sends (fetch, axios and axios
// instances): URL, method, headers, body, basic auth. SDK calls are not built
// here: the walker hands them to the lowering stage (src/sdk/lower.ts) as
// SdkCalls.
// Guarantee: never throws; a value it cannot know is an `unknown` part, never
// a guess, and no literal from the input is ever put in a warning.
import { concatWords, litWord, literalText, type Body, type Header, type HttpCall, type Word } from '../call/model.js';
import { parseJsonWord } from '../call/json-words.js';
import { annotate, appendQuery, joinUrl, setHeader } from '../call/url.js';
import { isAbsent, toValue, toWord, type ClientObj, type JsVal } from './values.js';
import type { WarningCode } from '../codes.js';
import { pairsOf as pairsOfValue, unknown } from '../eval/values.js';

export interface BuildEnv {
  /** Variables the paste itself sets (`export X=...` above the code, `process.env.X = ...`). */
  pasteEnv: Map<string, Word>;
  warn(code: WarningCode, message: string, line?: number): void;
}

// ---------------------------------------------------------------- small helpers

/** The last option among `names` that is not undefined/null; a spelling that differs only in case is read with a warning. */
export function opt(opts: Array<[string, JsVal]>, names: string[] | undefined, env?: BuildEnv, line?: number): JsVal | undefined {
  if (!names) return undefined;
  let found: JsVal | undefined;
  for (const [k, v] of opts) if (names.includes(k) && !isAbsent(v)) found = v;
  if (found || !env) return found;
  const lower = names.map((n) => n.toLowerCase());
  for (const [k, v] of opts)
    if (lower.includes(k.toLowerCase()) && !isAbsent(v)) {
      found = v;
      if (/^[A-Za-z_$][\w$]{0,40}$/.test(k)) env.warn('option_spelling', `The option ${k} is read as ${names[lower.indexOf(k.toLowerCase())]}, the SDK's spelling.`, line);
    }
  return found;
}


/** Headers / query parameters as name -> Word pairs: an object, `new Headers(...)`, `[[k, v], ...]`; null when unknown. */
export function pairsOf(v: JsVal | undefined): Array<[string, Word]> | null {
  return pairsOfValue(v && toValue(v), 'javascript');
}






const spanOf = (line: number | undefined) => (line ? { line, column: 1 } : undefined);

// ---------------------------------------------------------------- raw HTTP: fetch, axios

/** The body a request carries: `JSON.stringify(x)` and objects as JSON, a string parsed as JSON when it is. */
export function bodyOf(v: JsVal | undefined, env: BuildEnv, line?: number): Body | null {
  if (!v || isAbsent(v)) return null;
  if (v.kind === 'jsontext') return { type: 'json', value: v.value };
  if (v.kind === 'object' || v.kind === 'array') return { type: 'json', value: toValue(v) };
  if (v.kind === 'string') {
    const parsed = parseJsonWord(v.word);
    return parsed ? { type: 'json', value: parsed.value } : { type: 'text', text: v.word };
  }
  if (v.kind === 'unknown' || v.kind === 'ref') {
    env.warn('unknown_value', 'The request body could not be evaluated; its fields are unknown.', line);
    return { type: 'text', text: toWord(v) };
  }
  return { type: 'text', text: toWord(v) };
}

function methodOf(v: JsVal | undefined, dflt: string): string {
  if (!v) return dflt;
  const t = literalText(toWord(v));
  return t && /^[A-Za-z]{1,10}$/.test(t) ? t.toUpperCase() : dflt;
}

function headerList(v: JsVal | undefined, env: BuildEnv, line?: number): Array<[string, Word]> {
  const p = pairsOf(v);
  if (p === null) {
    env.warn('unknown_value', 'The headers could not be evaluated; they are missing from the request.', line);
    return [];
  }
  return p;
}

function objGet(v: JsVal | undefined, k: string): JsVal | undefined {
  if (!v || v.kind !== 'object') return undefined;
  for (let i = v.entries.length - 1; i >= 0; i--) if (v.entries[i][0] === k) return v.entries[i][1];
  return undefined;
}

/** `fetch(url, { method, headers, body })` (also `fetch(new Request(url, init))`). */
export function fetchCall(client: string, urlV: JsVal | undefined, init: JsVal | undefined, env: BuildEnv, line?: number): HttpCall {
  if (urlV?.kind === 'request') {
    init = mergeInit(urlV.init, init);
    urlV = urlV.url;
  }
  const url = urlV ? annotate(toWord(urlV), env.pasteEnv) : { parts: [] };
  if (init && init.kind !== 'object' && !isAbsent(init)) env.warn('unknown_value', 'The fetch options could not be evaluated; method, headers and body are unknown.', line);
  const body = bodyOf(objGet(init, 'body'), env, line);
  const headers: Header[] = [];
  for (const [k, v] of headerList(objGet(init, 'headers'), env, line)) setHeader(headers, k, annotate(v, env.pasteEnv));
  return { client, method: methodOf(objGet(init, 'method'), body ? 'POST' : 'GET'), url, headers, body, span: spanOf(line) };
}

function mergeInit(a: JsVal | undefined, b: JsVal | undefined): JsVal | undefined {
  if (!a || a.kind !== 'object') return b;
  if (!b || b.kind !== 'object') return a;
  return { kind: 'object', entries: [...a.entries, ...b.entries] };
}

export interface AxiosRequest {
  method: string | null;
  url: JsVal | undefined;
  data: JsVal | undefined;
  config: JsVal | undefined;
  instance?: ClientObj;
  line?: number;
}

/** `axios.post(url, data, config)`, `axios({ method, url, data, headers })`, an `axios.create(...)` instance. */
export function axiosCall(req: AxiosRequest, env: BuildEnv): HttpCall {
  const { config, instance } = req;
  if (config && config.kind !== 'object' && !isAbsent(config)) env.warn('unknown_value', 'The axios config could not be evaluated; headers are unknown.', req.line);
  const urlV = req.url ?? objGet(config, 'url');
  let url: Word = urlV ? annotate(toWord(urlV), env.pasteEnv) : { parts: [] };
  const baseV = objGet(config, 'baseURL');
  const base = baseV ? annotate(toWord(baseV), env.pasteEnv) : instance?.baseUrl;
  if (base) {
    const first = url.parts[0];
    const t = first?.kind === 'lit' ? first.text : '';
    if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(t) && !(first && first.kind !== 'lit')) url = t.startsWith('/') || !t ? concatWords(joinUrl(base, ''), url) : concatWords(joinUrl(base, '/'), url);
  }
  url = appendQuery(url, [...(instance?.params ?? []), ...(pairsOf(objGet(config, 'params')) ?? [])]);
  const headers: Header[] = [];
  for (const [k, v] of instance?.headers ?? []) setHeader(headers, k, annotate(v, env.pasteEnv));
  for (const [k, v] of headerList(objGet(config, 'headers'), env, req.line)) setHeader(headers, k, annotate(v, env.pasteEnv));
  const data = req.data ?? objGet(config, 'data');
  const body = bodyOf(data, env, req.line);
  const method = req.method ?? methodOf(objGet(config, 'method'), 'GET');
  const call: HttpCall = { client: 'axios', method, url, headers, body, span: spanOf(req.line) };
  const auth = objGet(config, 'auth');
  const user = objGet(auth, 'username');
  const pass = objGet(auth, 'password');
  if (user || pass) call.basic_auth = concatWords(user ? toWord(user) : litWord(''), litWord(':'), pass ? toWord(pass) : litWord(''));
  else if (instance?.basicAuth) call.basic_auth = instance.basicAuth;
  return call;
}

export { unknown };
