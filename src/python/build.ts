// The raw HTTP requests a Python snippet sends (requests, httpx, aiohttp,
// urllib, http.client): URL with session base and params, headers, body,
// basic auth. SDK calls are not built here: the walker hands them to the
// lowering stage (src/sdk/lower.ts) as SdkCalls.
// Guarantee: never throws; a value it cannot know is an `unknown` part, never
// a guess, and no literal from the input is ever put in a warning.
import { concatWords, litWord, type Body, type Header, type HttpCall, type Word } from '../call/model.js';
import { parseJsonWord } from '../call/json-words.js';
import { annotate, appendQuery, joinUrl, setHeader } from '../call/url.js';
import { toValue, toWord, type ClientObj, type PyVal } from './values.js';
import type { WarningCode } from '../codes.js';
import { pairsOf as pairsOfValue } from '../eval/values.js';

/** requests and httpx encode a space in a query as `+`. */
const PY_QUERY = { spaceAsPlus: true };

export interface CallArgs {
  positional: PyVal[];
  kwargs: Array<[string, PyVal]>;
  /** A `**x` or `*x` whose content is unknown. */
  unknownSplat: boolean;
}

export interface BuildEnv {
  /** Variables the paste itself sets (`export X=...`, `os.environ["X"] = ...`). */
  pasteEnv: Map<string, Word>;
  warn(code: WarningCode, message: string, line?: number): void;
}

// ---------------------------------------------------------------- small helpers

/** The last keyword among `names` whose value is not None. */
export function kwarg(kwargs: Array<[string, PyVal]>, names: string[] | undefined): PyVal | undefined {
  if (!names) return undefined;
  let found: PyVal | undefined;
  for (const [k, v] of kwargs) if (names.includes(k) && v.kind !== 'null') found = v;
  return found;
}



/** A dict of headers / query parameters as name -> Word pairs, or null when unknown. */
export function pairsOf(v: PyVal | undefined): Array<[string, Word]> | null {
  return pairsOfValue(v && toValue(v), 'python');
}

// ---------------------------------------------------------------- raw HTTP clients

export interface HttpRequest {
  lib: string;
  method: string;
  url: PyVal | undefined;
  args: CallArgs;
  session?: ClientObj;
  line?: number;
  /** Keyword (or positional index) names: requests/httpx use json=/data=/content=, http.client body=. */
  bodyValue?: PyVal;
}

export function httpCall(req: HttpRequest, env: BuildEnv): HttpCall {
  const { args, session } = req;
  let url: Word = req.url ? toWord(req.url) : { parts: [] };
  url = annotate(url, env.pasteEnv);
  if (session?.baseUrl) {
    const t = url.parts[0]?.kind === 'lit' ? (url.parts[0] as { text: string }).text : '';
    if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(t) && !(url.parts[0] && url.parts[0].kind !== 'lit')) {
      url = t.startsWith('/') ? concatWords(joinUrl(session.baseUrl, ''), url) : concatWords(joinUrl(session.baseUrl, '/'), url);
    }
  }
  const params = [...(session?.params ?? []), ...(pairsOf(kwarg(args.kwargs, ['params'])) ?? [])];
  url = appendQuery(url, params, PY_QUERY);
  const headers: Header[] = [];
  for (const [k, v] of session?.headers ?? []) setHeader(headers, k, annotate(v, env.pasteEnv));
  const h = kwarg(args.kwargs, ['headers']);
  const hp = pairsOf(h);
  if (hp === null) env.warn('unknown_value', 'The headers argument could not be evaluated; its headers are missing.', req.line);
  for (const [k, v] of hp ?? []) setHeader(headers, k, annotate(v, env.pasteEnv));

  let body: Body | null = null;
  const json = kwarg(args.kwargs, ['json']);
  const data = req.bodyValue ?? kwarg(args.kwargs, ['data', 'content', 'body']);
  if (json) body = { type: 'json', value: toValue(json) };
  else if (data) body = bodyFromData(data);

  let basic: Word | undefined = session?.basicAuth;
  const auth = kwarg(args.kwargs, ['auth']);
  if (auth?.kind === 'array' && auth.items.length === 2) basic = concatWords(toWord(auth.items[0]), litWord(':'), toWord(auth.items[1]));

  const call: HttpCall = { client: req.lib, method: req.method, url, headers, body, span: req.line ? { line: req.line, column: 1 } : undefined };
  if (basic) call.basic_auth = basic;
  return call;
}

function bodyFromData(data: PyVal): Body | null {
  if (data.kind === 'jsontext') return { type: 'json', value: data.value };
  if (data.kind === 'string') {
    const parsed = parseJsonWord(data.word);
    return parsed ? { type: 'json', value: parsed.value } : { type: 'text', text: data.word };
  }
  if (data.kind === 'object') return { type: 'form', fields: data.entries.map(([name, v]) => ({ name, value: toWord(v) })) };
  if (data.kind === 'null') return null;
  return { type: 'text', text: toWord(data) };
}

