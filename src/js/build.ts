// Turns what the JavaScript walker found (a client and its options object, a
// method and its arguments, a fetch/axios call) into the request the code
// would send: full URL, method, headers (the SDK's auth header included),
// JSON body. SDK defaults and URL shapes come from grammar/sdks/; this file
// knows syntax-free request assembly only, never a vendor.
// Guarantee: never throws; a value it cannot know is an `unknown` part, never
// a guess, and no literal from the input is ever put in a warning.
import {
  concatWords,
  env as envPart,
  litWord,
  literalText,
  type Body,
  type EnvPart,
  type Header,
  type HttpCall,
  type Value,
  type Word,
} from '../call/model.js';
import { parseJsonWord } from '../call/json-words.js';
import { annotate, appendQuery, joinUrl, setHeader } from '../call/url.js';

import { chatEndpoint, endpointOf, type Endpoint, type Sdk as SdkEntry } from '../sdk/data.js';
import { isAbsent, putEntry, snake, snakeKeys, str, toValue, toWord, unknown, type AiModelVal, type ClientObj, type JsVal } from './values.js';
import type { WarningCode } from '../codes.js';

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

const hasEnv = (w: Word) => w.parts.some((p) => p.kind === 'env');
const hasUnknown = (w: Word) => w.parts.some((p) => p.kind === 'unknown');

/** Headers / query parameters as name -> Word pairs: an object, `new Headers(...)`, `[[k, v], ...]`; null when unknown. */
export function pairsOf(v: JsVal | undefined): Array<[string, Word]> | null {
  if (!v || v.kind === 'null' || v.kind === 'undef') return [];
  if (v.kind === 'object') return v.entries.filter(([, x]) => !isAbsent(x)).map(([k, x]) => [k, toWord(x)]);
  if (v.kind === 'array') {
    const out: Array<[string, Word]> = [];
    for (const it of v.items) {
      if (it.kind !== 'array' || it.items.length !== 2) return null;
      const k = literalText(toWord(it.items[0]));
      if (k === null) return null;
      out.push([k, toWord(it.items[1])]);
    }
    return out;
  }
  return null;
}

function implicitEnv(name: string, pasteEnv: Map<string, Word>): Word {
  const p: EnvPart = envPart(name, { implicit: true });
  return annotate({ parts: [p] }, pasteEnv);
}

/** Names an env part for a warning, only when it looks like a variable name. */
function envName(w: Word): string {
  const p = w.parts.find((x) => x.kind === 'env') as EnvPart | undefined;
  return p && /^[A-Z_][A-Z0-9_]{0,63}$/i.test(p.name) ? p.name : 'a variable';
}

function getEntry(v: Value, key: string): Value | undefined {
  if (v.kind !== 'object') return undefined;
  for (let i = v.entries.length - 1; i >= 0; i--) if (v.entries[i][0] === key) return v.entries[i][1];
  return undefined;
}

function withEntry(body: Value, key: string, v: Value, first = false): Value {
  if (body.kind !== 'object') return body;
  const rest = body.entries.filter(([k]) => k !== key);
  return { kind: 'object', entries: first ? [[key, v], ...rest] : [...rest, [key, v]] };
}

function withoutEntry(body: Value, key: string): Value {
  return body.kind === 'object' ? { kind: 'object', entries: body.entries.filter(([k]) => k !== key) } : body;
}

const spanOf = (line: number | undefined) => (line ? { line, column: 1 } : undefined);

// ---------------------------------------------------------------- SDK clients

interface Resolved {
  base: Word | null;
  baseDefaulted: boolean;
  key: Word | null;
  keyDefaulted: boolean;
  /** The key goes in Authorization: Bearer (an authToken / AD token) instead of the SDK's key header. */
  bearer: boolean;
}

function resolveClient(sdk: SdkEntry, opts: Array<[string, JsVal]>, env: BuildEnv, line: number | undefined): Resolved {
  const roles = sdk.args ?? {};
  let base: Word | null = null;
  let baseDefaulted = false;
  const b = opt(opts, roles.base_url, env, line);
  if (b) base = annotate(toWord(b), env.pasteEnv);
  else if (sdk.base_url_env && env.pasteEnv.has(sdk.base_url_env)) base = implicitEnv(sdk.base_url_env, env.pasteEnv);
  else if (sdk.default_base_url) {
    base = litWord(sdk.default_base_url);
    baseDefaulted = true;
  }
  if (base && hasEnv(base)) env.warn('env_base_url', `The base URL comes from an environment variable (${envName(base)}), not from the code.`, line);
  if (base && hasUnknown(base)) env.warn('unknown_value', 'The base URL could not be evaluated from the code; part of it is unknown.', line);

  let key: Word | null = null;
  let keyDefaulted = false;
  let bearer = false;
  const k = opt(opts, roles.api_key, env, line);
  const tok = opt(opts, roles.bearer_token, env, line);
  if (k) key = annotate(toWord(k), env.pasteEnv);
  else if (tok) {
    key = tok.kind === 'string' ? annotate(toWord(tok), env.pasteEnv) : { parts: [{ kind: 'unknown', text: 'token provider' }] };
    bearer = true;
  } else if (sdk.default_key_env) {
    key = implicitEnv(sdk.default_key_env, env.pasteEnv);
    keyDefaulted = true;
  }
  if (key && !bearer && hasUnknown(key)) env.warn('unknown_value', 'The API key option could not be evaluated; it is left unknown.', line);
  return { base, baseDefaulted, key, keyDefaulted, bearer };
}

function authHeaders(sdk: SdkEntry, r: Resolved): Header[] {
  if (!r.key) return [];
  if (r.bearer) return [{ name: 'Authorization', value: concatWords(litWord('Bearer '), r.key) }];
  if (!sdk.auth) return [];
  const value = sdk.auth.scheme ? concatWords(litWord(sdk.auth.scheme + ' '), r.key) : r.key;
  return [{ name: sdk.auth.name, value }];
}

export interface SdkRequest {
  sdk: SdkEntry;
  endpoint: Endpoint;
  opts: Array<[string, JsVal]>;
  /** The method's first argument (the request parameters). */
  params: JsVal | undefined;
  /** The method's second argument (request options: headers, query). */
  options: JsVal | undefined;
  line?: number;
}

/** The body of an SDK method call: its params object as is (vendor fields included: the Node SDKs have no extra_body). */
function paramsBody(req: SdkRequest, env: BuildEnv): { body: Value; betas: Word | null } {
  const { sdk, params } = req;
  let body: Value = { kind: 'object', entries: [] };
  let betas: Word | null = null;
  if (params && params.kind === 'object') body = toValue(params);
  else if (params && !isAbsent(params)) env.warn('unknown_value', 'The request parameters could not be evaluated; model and fields are unknown.', req.line);
  if (sdk.wire === 'anthropic') {
    const b = getEntry(body, 'betas');
    if (b) {
      betas = b.kind === 'array' ? concatWords(...b.items.flatMap((x, i) => (i ? [litWord(','), valueWord(x)] : [valueWord(x)]))) : valueWord(b);
      body = withoutEntry(body, 'betas');
    }
  }
  if (sdk.body_case === 'snake') body = snakeKeys(body);
  if (req.endpoint.stream) body = withEntry(body, 'stream', { kind: 'bool', value: true });
  return { body, betas };
}

function valueWord(v: Value): Word {
  return toWord(v);
}

export function sdkCall(req: SdkRequest, env: BuildEnv): HttpCall {
  const { sdk, endpoint, opts, line } = req;
  const { body, betas } = paramsBody(req, env);
  const azure = sdk.strategy === 'azure';
  const r = azure ? resolveClient({ ...sdk, default_base_url: null, base_url_env: null }, opts, env, line) : resolveClient(sdk, opts, env, line);
  let url: Word;
  const query: Array<[string, Word]> = [];
  if (azure) {
    const a = azureUrl(sdk, opts, body, endpoint.path, env, line);
    url = a.url;
    query.push(...a.query);
    r.baseDefaulted = false;
  } else {
    url = r.base ? joinUrl(r.base, endpoint.path) : { parts: [] };
  }
  query.push(...(pairsOf(opt(opts, sdk.args?.query)) ?? []));
  const o = req.options && req.options.kind === 'object' ? req.options : undefined;
  if (o) query.push(...(pairsOf(o.entries.find(([k]) => k === 'query')?.[1]) ?? []));
  url = appendQuery(url, query);

  const headers = authHeaders(sdk, r);
  for (const [k, v] of pairsOf(opt(opts, sdk.args?.headers)) ?? []) setHeader(headers, k, annotate(v, env.pasteEnv));
  if (o) for (const [k, v] of pairsOf(o.entries.find(([k2]) => k2 === 'headers')?.[1]) ?? []) setHeader(headers, k, annotate(v, env.pasteEnv));
  if (betas) setHeader(headers, 'anthropic-beta', betas);

  return {
    client: sdk.client,
    method: endpoint.method,
    url,
    headers,
    body: endpoint.method === 'GET' ? null : { type: 'json', value: body },
    client_info: { sdk: sdk.id, base_url_defaulted: r.baseDefaulted, key_defaulted: r.keyDefaulted },
    span: spanOf(line),
  };
}

/** The paths the Azure client routes through `/deployments/{deployment or model}` (openai-node src/azure.ts). */
const AZURE_DEPLOYMENT_PATHS = new Set(['/completions', '/chat/completions', '/embeddings']);

function azureUrl(sdk: SdkEntry, opts: Array<[string, JsVal]>, body: Value, path: string, env: BuildEnv, line: number | undefined): { url: Word; query: Array<[string, Word]> } {
  const roles = sdk.args ?? {};
  const versionV = opt(opts, roles.api_version, env, line);
  const version = versionV ? annotate(toWord(versionV), env.pasteEnv) : implicitEnv('OPENAI_API_VERSION', env.pasteEnv);
  const deploymentV = opt(opts, roles.azure_deployment, env, line);
  const model = getEntry(body, 'model');
  const deployment: Word = deploymentV ? toWord(deploymentV) : model ? toWord(model) : { parts: [{ kind: 'unknown', text: 'deployment' }] };
  const baseV = opt(opts, roles.base_url, env, line);
  let base: Word;
  if (baseV) base = annotate(toWord(baseV), env.pasteEnv);
  else {
    const epV = opt(opts, roles.azure_endpoint, env, line);
    const endpoint = epV ? annotate(toWord(epV), env.pasteEnv) : implicitEnv(sdk.base_url_env ?? 'AZURE_OPENAI_ENDPOINT', env.pasteEnv);
    if (!epV) env.warn('env_base_url', 'The Azure endpoint is not in the code; the client reads it from AZURE_OPENAI_ENDPOINT.', line);
    base = joinUrl(endpoint, '/openai');
  }
  const baseText = base.parts.map((p) => (p.kind === 'lit' ? p.text : '')).join('');
  const viaDeployment = AZURE_DEPLOYMENT_PATHS.has(path) && !baseText.includes('/deployments') && !/\/openai\/v1\/?$/.test(baseText);
  const url = viaDeployment ? concatWords(joinUrl(base, '/deployments/'), deployment, litWord(path)) : joinUrl(base, path);
  return { url, query: [['api-version', version]] };
}

/** A client built but never called: its chat endpoint, no body. */
export function clientOnlyCall(client: ClientObj, env: BuildEnv): HttpCall | null {
  const sdk = client.sdk;
  if (!sdk) return null;
  const call = sdkCall({ sdk, endpoint: chatEndpoint(sdk), opts: client.opts, params: undefined, options: undefined, line: client.line }, env);
  call.body = null;
  return call;
}

// ---------------------------------------------------------------- Vercel AI SDK

export interface AiCallArgs {
  model: AiModelVal;
  /** The generateText/streamText options object. */
  args: JsVal;
  stream: boolean;
  line?: number;
}

/**
 * `generateText({ model: provider("id"), system, prompt, messages, ... })`: the
 * request the provider's model sends, in its endpoint's own shape (Chat
 * Completions, Responses or Anthropic Messages), with the AI SDK's camelCase
 * settings renamed as the providers rename them.
 */
export function aiSdkCall(a: AiCallArgs, env: BuildEnv): HttpCall {
  const { client } = a.model;
  const sdk = client.sdk!;
  const o = a.args.kind === 'object' ? a.args : { kind: 'object' as const, entries: [] as Array<[string, JsVal]> };
  const get = (k: string): Value | undefined => {
    const e = [...o.entries].reverse().find(([x]) => x === k);
    return e && !isAbsent(e[1]) ? toValue(e[1]) : undefined;
  };
  const path = a.model.endpoint.path;
  const style = /\/responses$/.test(path) ? 'responses' : /\/messages$/.test(path) ? 'messages' : 'chat';
  const entries: Array<[string, Value]> = [['model', a.model.model]];
  const messages: Value[] = [];
  const system = get('system');
  if (system && style === 'chat') messages.push({ kind: 'object', entries: [['role', str('system')], ['content', system]] });
  const msgs = get('messages');
  if (msgs?.kind === 'array') messages.push(...msgs.items);
  else if (msgs) messages.push(msgs);
  const prompt = get('prompt');
  if (prompt) messages.push(prompt.kind === 'string' ? { kind: 'object', entries: [['role', str('user')], ['content', prompt]] } : prompt);
  if (style === 'responses') {
    if (system) entries.push(['instructions', system]);
    entries.push(['input', { kind: 'array', items: messages }]);
  } else {
    if (system && style === 'messages') entries.push(['system', system]);
    entries.push(['messages', { kind: 'array', items: messages }]);
  }
  const maxTokens = get('maxOutputTokens') ?? get('maxTokens');
  if (maxTokens) entries.push([style === 'responses' ? 'max_output_tokens' : 'max_tokens', maxTokens]);
  const renames: Array<[string, string]> = [
    ['temperature', 'temperature'],
    ['topP', 'top_p'],
    ['topK', 'top_k'],
    ['presencePenalty', 'presence_penalty'],
    ['frequencyPenalty', 'frequency_penalty'],
    ['seed', 'seed'],
    ['stopSequences', style === 'messages' ? 'stop_sequences' : 'stop'],
  ];
  for (const [from, to] of renames) {
    if (style === 'chat' && from === 'topK') continue; // Chat Completions has no top_k; the AI SDK drops it with a warning.
    const v = get(from);
    if (v) entries.push([to, v]);
  }
  if (a.stream) entries.push(['stream', { kind: 'bool', value: true }]);
  // providerOptions: the provider's own key, renamed as that provider sends it.
  const po = get('providerOptions');
  const key = literalText(toWord(opt(client.opts, ['name']) ?? str(sdk.provider_options_key))) ?? sdk.provider_options_key;
  const mine = po ? getEntry(po, key) : undefined;
  if (mine?.kind === 'object') for (const [k, v] of providerOptionEntries(mine, style, sdk)) putEntry(entries, k, v);
  let body: Value = { kind: 'object', entries };
  if (style === 'responses') body = nestReasoning(body);

  const call = sdkCall({ sdk, endpoint: { ...a.model.endpoint, stream: false }, opts: client.opts, params: undefined, options: undefined, line: a.line }, env);
  call.body = { type: 'json', value: body };
  for (const [k, v] of pairsOf(o.entries.find(([k2]) => k2 === 'headers')?.[1]) ?? []) setHeader(call.headers, k, annotate(v, env.pasteEnv));
  return call;
}

/** One provider's `providerOptions` object as body fields. */
function providerOptionEntries(po: Value, style: 'chat' | 'responses' | 'messages', sdk: SdkEntry): Array<[string, Value]> {
  if (po.kind !== 'object') return [];
  const out: Array<[string, Value]> = [];
  for (const [k, v] of po.entries) {
    if (style === 'messages') {
      // @ai-sdk/anthropic: thinking { type, budgetTokens } -> thinking { type, budget_tokens }; effort -> output_config.effort.
      if (k === 'thinking') out.push(['thinking', snakeKeys(v)]);
      else if (k === 'effort') out.push(['output_config', { kind: 'object', entries: [['effort', v]] }]);
      continue;
    }
    if (k === 'reasoningEffort') out.push([style === 'responses' ? 'reasoning.effort' : 'reasoning_effort', v]);
    else if (k === 'reasoningSummary' && style === 'responses') out.push(['reasoning.summary', v]);
    else if (k === 'textVerbosity') out.push(['verbosity', v]);
    // Providers with their own request mapping send camelCase options snake_case (grammar/sdks/).
    else if (sdk.provider_options_case === 'snake') out.push([snake(k), v]);
    // Providers built on @ai-sdk/openai-compatible (and OpenRouter's) spread their options into the body as written.
    else out.push([k, v]);
  }
  return out;
}

/** `reasoning.effort` / `reasoning.summary` placeholders as a `reasoning` object (Responses API). */
function nestReasoning(body: Value): Value {
  if (body.kind !== 'object') return body;
  const r: Array<[string, Value]> = [];
  const rest: Array<[string, Value]> = [];
  for (const [k, v] of body.entries) (k.startsWith('reasoning.') ? r : rest).push(k.startsWith('reasoning.') ? [k.slice('reasoning.'.length), v] : [k, v]);
  if (r.length) rest.push(['reasoning', { kind: 'object', entries: r }]);
  return { kind: 'object', entries: rest };
}

/** The endpoint a provider method (or calling the provider itself) makes a model for, or undefined. */
export function aiModelEndpoint(sdk: SdkEntry, method: string | null): Endpoint | undefined {
  if (sdk.strategy !== 'ai-sdk') return undefined;
  return endpointOf(sdk, method ?? 'languageModel');
}

/** The model a provider built but no generateText sent: its endpoint with the model only. */
export function aiModelOnlyCall(m: AiModelVal, env: BuildEnv, line?: number): HttpCall {
  const call = sdkCall({ sdk: m.client.sdk!, endpoint: m.endpoint, opts: m.client.opts, params: undefined, options: undefined, line }, env);
  call.body = { type: 'json', value: { kind: 'object', entries: [['model', m.model]] } };
  return call;
}

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
