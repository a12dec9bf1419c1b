// Turns what the walker found (a client and its constructor keywords, a method
// and its call keywords) into the request the code would send: full URL,
// method, headers (the SDK's auth header included), JSON body. SDK defaults
// and URL shapes come from grammar/sdks/; this file knows syntax-free
// request assembly only, never a vendor.
// Guarantee: never throws; a value it cannot know is an `unknown` part, never
// a guess, and no literal from the input is ever put in a warning.
import {
  concatWords,
  env as envPart,
  litWord,
  literalText,
  mergeObjects,
  type Body,
  type EnvPart,
  type Header,
  type HttpCall,
  type Value,
  type Word,
} from '../call/model.js';
import { parseJsonWord } from '../call/json-words.js';
import { annotate, appendQuery, joinUrl, setHeader } from '../call/url.js';

/** requests and httpx encode a space in a query as `+`. */
const PY_QUERY = { spaceAsPlus: true };
import { chatEndpoint, routeOf, type Endpoint, type Sdk as SdkEntry } from '../sdk/data.js';
import { toValue, toWord, type ClientObj, type PyVal } from './values.js';
import type { WarningCode } from '../codes.js';

export interface CallArgs {
  positional: PyVal[];
  kwargs: Array<[string, PyVal]>;
  /** A `**x` or `*x` whose content is unknown. */
  unknownSplat: boolean;
}

export interface BuildEnv {
  /** Variables the paste itself sets (`export X=...`, `os.environ["X"] = ...`). */
  pasteEnv: Map<string, Word>;
  /** Module-level configuration (`openai.api_base = ...`), keyed `module.attr`. */
  moduleAttr(path: string): PyVal | undefined;
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

function hasEnv(w: Word): boolean {
  return w.parts.some((p) => p.kind === 'env');
}
function hasUnknown(w: Word): boolean {
  return w.parts.some((p) => p.kind === 'unknown');
}

/** A dict of headers / query parameters as name -> Word pairs, or null when unknown. */
export function pairsOf(v: PyVal | undefined): Array<[string, Word]> | null {
  if (!v || v.kind === 'null') return [];
  if (v.kind === 'object') return v.entries.map(([k, x]) => [k, toWord(x)]);
  if (v.kind === 'array') {
    // [("k", "v"), ...] as requests accepts for params.
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

function objectOf(entries: Array<[string, Value]>): Value {
  const out: Array<[string, Value]> = [];
  for (const [k, v] of entries) {
    const i = out.findIndex(([x]) => x === k);
    if (i >= 0) out[i] = [k, v];
    else out.push([k, v]);
  }
  return { kind: 'object', entries: out };
}

function withEntry(body: Value, key: string, v: Value, first = false): Value {
  if (body.kind !== 'object') return body;
  const rest = body.entries.filter(([k]) => k !== key);
  return { kind: 'object', entries: first ? [[key, v], ...rest] : [...rest, [key, v]] };
}

function getEntry(body: Value, key: string): Value | undefined {
  return body.kind === 'object' ? body.entries.find(([k]) => k === key)?.[1] : undefined;
}

function implicitEnv(name: string, pasteEnv: Map<string, Word>): Word {
  const p: EnvPart = envPart(name, { implicit: true });
  return annotate({ parts: [p] }, pasteEnv);
}

/** The model keyword as a Word for a URL path segment. */
function modelWord(body: Value): Word {
  const m = getEntry(body, 'model');
  if (!m) return { parts: [{ kind: 'unknown', text: 'model' }] };
  return toWord(m);
}

function fillModel(path: string, model: Word): Word {
  const i = path.indexOf('{model}');
  if (i < 0) return litWord(path);
  return concatWords(litWord(path.slice(0, i)), model, litWord(path.slice(i + '{model}'.length)));
}

// ---------------------------------------------------------------- SDK clients

interface Resolved {
  base: Word | null;
  baseDefaulted: boolean;
  key: Word | null;
  keyDefaulted: boolean;
  /** The key goes in Authorization: Bearer (an auth_token / AD token) instead of the SDK's key header. */
  bearer: boolean;
}

function resolveClient(sdk: SdkEntry, opts: Array<[string, PyVal]>, env: BuildEnv, line: number | undefined, useModule = false): Resolved {
  const roles = sdk.args ?? {};
  // Module settings (`openai.api_key = ...`) configure the module's own client, not `OpenAI()` instances.
  const mod = (role: string): PyVal | undefined => {
    if (!sdk.module || !useModule) return undefined;
    for (const [attr, r] of Object.entries(sdk.module.config)) {
      if (r !== role) continue;
      const v = env.moduleAttr(`${sdk.module.name}.${attr}`);
      if (v && v.kind !== 'null') return v;
    }
    return undefined;
  };
  let base: Word | null = null;
  let baseDefaulted = false;
  const b = kwarg(opts, roles.base_url) ?? mod('base_url');
  if (b) base = annotate(toWord(b), env.pasteEnv);
  else if (sdk.base_url_env && env.pasteEnv.has(sdk.base_url_env)) base = implicitEnv(sdk.base_url_env, env.pasteEnv);
  else if (sdk.default_base_url) {
    base = litWord(sdk.default_base_url);
    baseDefaulted = true;
  }
  if (base && hasEnv(base))
    env.warn('env_base_url', `The base URL comes from the environment variable ${envName(base)}, read when the client is built.`, line);
  if (base && hasUnknown(base)) env.warn('unknown_value', 'The base URL could not be evaluated from the code; part of it is unknown.', line);

  let key: Word | null = null;
  let keyDefaulted = false;
  let bearer = false;
  const k = kwarg(opts, roles.api_key) ?? mod('api_key');
  const tok = kwarg(opts, roles.bearer_token);
  if (k) key = annotate(toWord(k), env.pasteEnv);
  else if (tok) {
    key = tok.kind === 'string' ? annotate(toWord(tok), env.pasteEnv) : { parts: [{ kind: 'unknown', text: 'token provider' }] };
    bearer = true;
  } else if (sdk.default_key_env) {
    key = implicitEnv(sdk.default_key_env, env.pasteEnv);
    keyDefaulted = true;
  }
  if (key && !bearer && hasUnknown(key)) env.warn('unknown_value', 'The API key argument could not be evaluated; it is left unknown.', line);
  return { base, baseDefaulted, key, keyDefaulted, bearer };
}

/** Names an env part for a warning, only when it looks like a variable name. */
function envName(w: Word): string {
  const p = w.parts.find((x) => x.kind === 'env') as EnvPart | undefined;
  return p && /^[A-Z_][A-Z0-9_]{0,63}$/i.test(p.name) ? p.name : 'a variable';
}

function authHeaders(sdk: SdkEntry | { auth: SdkEntry['auth'] }, r: Resolved): Header[] {
  if (!r.key) return [];
  if (r.bearer) return [{ name: 'Authorization', value: concatWords(litWord('Bearer '), r.key) }];
  if (!sdk.auth) return [];
  const value = sdk.auth.scheme ? concatWords(litWord(sdk.auth.scheme + ' '), r.key) : r.key;
  return [{ name: sdk.auth.name, value }];
}

interface SplitKwargs {
  body: Value;
  headers: Array<[string, Word]>;
  query: Array<[string, Word]>;
  betas: Word | null;
}

/** Call keywords -> body (extra_body merged), extra headers/query, betas. */
function splitCallKwargs(sdk: SdkEntry, args: CallArgs, env: BuildEnv, line: number | undefined): SplitKwargs {
  const drop = new Set(sdk.call_drop ?? []);
  const mergeNames = sdk.args?.merge_body ?? ['extra_body'];
  const headerNames = sdk.strategy === 'router' ? (sdk.args?.headers ?? []) : ['extra_headers'];
  const entries: Array<[string, Value]> = [];
  const merges: Value[] = [];
  const headers: Array<[string, Word]> = [];
  const query: Array<[string, Word]> = [];
  let betas: Word | null = null;
  for (const [k, v] of args.kwargs) {
    if (mergeNames.includes(k) || k === 'extra_body') {
      if (v.kind === 'object') merges.push(v);
      else if (v.kind !== 'null') env.warn('unknown_value', `The ${k} argument could not be evaluated; its fields are missing from the body.`, line);
      continue;
    }
    if (headerNames.includes(k) || k === 'extra_headers') {
      headers.push(...(pairsOf(v) ?? []));
      continue;
    }
    if (k === 'extra_query') {
      query.push(...(pairsOf(v) ?? []));
      continue;
    }
    if (k === 'betas' && sdk.wire === 'anthropic') {
      betas = betaWord(v);
      continue;
    }
    if (drop.has(k)) continue;
    entries.push([k, toValue(v)]);
  }
  let body = objectOf(entries);
  for (const m of merges) body = mergeObjects(body, m);
  if (args.unknownSplat) env.warn('unknown_value', 'Some arguments come from a ** expansion that could not be evaluated.', line);
  return { body, headers, query, betas };
}

function betaWord(v: PyVal): Word | null {
  if (v.kind === 'array') {
    const words = v.items.map(toWord);
    const parts: Word[] = [];
    words.forEach((w, i) => {
      if (i) parts.push(litWord(','));
      parts.push(w);
    });
    return parts.length ? concatWords(...parts) : null;
  }
  if (v.kind === 'string') return v.word;
  return null;
}

export interface SdkRequest {
  sdk: SdkEntry;
  endpoint: Endpoint;
  /** Constructor keywords of the client (empty for module calls and fragments). */
  opts: Array<[string, PyVal]>;
  args: CallArgs;
  line?: number;
  /** Legacy `openai.api_type = "azure"` module configuration. */
  legacyAzure?: boolean;
  /** A module-level call (`openai.ChatCompletion.create`, `dashscope.Generation.call`): module settings apply. */
  moduleCall?: boolean;
}

/** The request an SDK method call sends. */
export function sdkCall(req: SdkRequest, env: BuildEnv): HttpCall {
  const { sdk, endpoint, opts, args, line } = req;
  if (sdk.strategy === 'router') return litellmCall(sdk, args, env, line);
  const split = splitCallKwargs(sdk, args, env, line);
  let body = split.body;
  const ctorModel = kwarg(opts, sdk.args?.model);
  if (ctorModel && !getEntry(body, 'model')) body = withEntry(body, 'model', toValue(ctorModel), true);
  if (endpoint.stream) body = withEntry(body, 'stream', { kind: 'bool', value: true });

  const azure = sdk.strategy === 'azure' || req.legacyAzure;
  const r = azure ? resolveAzureKey(sdk, opts, env, line, req.moduleCall ?? false) : resolveClient(sdk, opts, env, line, req.moduleCall ?? false);
  let url: Word;
  let query: Array<[string, Word]> = [];
  if (azure) {
    const a = azureUrl(sdk, opts, args, body, endpoint.path, env, line, req.legacyAzure ?? false);
    url = a.url;
    query = a.query;
    r.base = a.url;
    r.baseDefaulted = false;
  } else if (sdk.strategy === 'genai') {
    const model = modelWord(body);
    body = genaiBody(body);
    url = r.base ? concatWords(joinUrl(r.base, ''), fillModel(endpoint.path, model)) : { parts: [] };
  } else {
    const path = endpoint.path.includes('{model}') ? fillModel(endpoint.path, modelWord(body)) : litWord(endpoint.path);
    url = r.base ? concatWords(joinUrl(r.base, ''), path) : { parts: [] };
  }
  query.push(...(pairsOf(kwarg(opts, sdk.args?.query)) ?? []), ...split.query);
  url = appendQuery(url, query, PY_QUERY);

  // openai<1.0 with api_type "azure" sent the key in api-key, as AzureOpenAI does.
  const headers = authHeaders(req.legacyAzure ? { auth: { name: 'api-key', scheme: null } } : sdk, r);
  for (const [k, v] of pairsOf(kwarg(opts, sdk.args?.headers)) ?? []) setHeader(headers, k, v);
  for (const [k, v] of split.headers) setHeader(headers, k, v);
  if (split.betas) setHeader(headers, 'anthropic-beta', split.betas);

  return {
    client: sdk.client,
    method: endpoint.method,
    url,
    headers,
    body: endpoint.method === 'GET' ? null : { type: 'json', value: body },
    client_info: { sdk: sdk.id, base_url_defaulted: r.baseDefaulted, key_defaulted: r.keyDefaulted },
    span: line ? { line, column: 1 } : undefined,
  };
}

function resolveAzureKey(sdk: SdkEntry, opts: Array<[string, PyVal]>, env: BuildEnv, line: number | undefined, useModule: boolean): Resolved {
  return resolveClient({ ...sdk, default_base_url: null, base_url_env: null }, opts, env, line, useModule);
}

function azureUrl(
  sdk: SdkEntry,
  opts: Array<[string, PyVal]>,
  args: CallArgs,
  body: Value,
  path: string,
  env: BuildEnv,
  line: number | undefined,
  legacy: boolean,
): { url: Word; query: Array<[string, Word]> } {
  const roles = sdk.args ?? {};
  const mod = (attr: string): PyVal | undefined => {
    const v = env.moduleAttr(`openai.${attr}`);
    return v && v.kind !== 'null' ? v : undefined;
  };
  const deploymentV = legacy ? kwarg(args.kwargs, ['engine', 'deployment_id']) : kwarg(opts, roles.azure_deployment);
  const versionV = kwarg(opts, roles.api_version) ?? (legacy ? mod('api_version') : undefined);
  const version = versionV ? annotate(toWord(versionV), env.pasteEnv) : implicitEnv('OPENAI_API_VERSION', env.pasteEnv);
  const model = modelWord(body);
  const baseV = legacy ? undefined : kwarg(opts, roles.base_url);
  let url: Word;
  if (baseV) {
    const base = annotate(toWord(baseV), env.pasteEnv);
    const text = base.parts.map((p) => (p.kind === 'lit' ? p.text : '')).join('');
    const prefix = /\/deployments(\/|$)|\/openai\/v1\/?$/.test(text) ? litWord('') : concatWords(litWord('/deployments/'), model);
    url = concatWords(joinUrl(base, ''), prefix, litWord(path));
  } else {
    const epV = legacy ? (mod('api_base') ?? mod('base_url') ?? mod('azure_endpoint')) : kwarg(opts, roles.azure_endpoint);
    const endpoint = epV ? annotate(toWord(epV), env.pasteEnv) : implicitEnv(sdk.base_url_env ?? 'AZURE_OPENAI_ENDPOINT', env.pasteEnv);
    if (!epV) env.warn('env_base_url', 'The Azure endpoint is not in the code; the client reads it from AZURE_OPENAI_ENDPOINT.', line);
    const deployment = deploymentV ? toWord(deploymentV) : model;
    url = concatWords(joinUrl(endpoint, '/openai/deployments/'), deployment, litWord(path));
  }
  return { url, query: [['api-version', version]] };
}

/** google-genai: `contents` and `config=types.GenerateContentConfig(...)` as the REST body. */
function genaiBody(body: Value): Value {
  if (body.kind !== 'object') return body;
  const out: Array<[string, Value]> = [];
  const gen: Array<[string, Value]> = [];
  const top = new Set(['system_instruction', 'tools', 'tool_config', 'safety_settings', 'cached_content', 'labels']);
  for (const [k, v] of body.entries) {
    if (k === 'model') continue;
    if (k === 'contents') {
      out.push(['contents', v.kind === 'string' ? { kind: 'array', items: [{ kind: 'object', entries: [['role', strV('user')], ['parts', { kind: 'array', items: [{ kind: 'object', entries: [['text', v]] }] }]] }] } : camelValue(v)]);
      continue;
    }
    if (k === 'config' && v.kind === 'object') {
      for (const [ck, cv] of v.entries) (top.has(ck) ? out : gen).push([camel(ck), camelValue(cv)]);
      continue;
    }
    out.push([camel(k), camelValue(v)]);
  }
  if (gen.length) out.push(['generationConfig', { kind: 'object', entries: gen }]);
  return { kind: 'object', entries: out };
}
const strV = (s: string): Value => ({ kind: 'string', word: litWord(s) });
function camel(k: string): string {
  return k.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}
function camelValue(v: Value, depth = 0): Value {
  if (depth > 32) return v;
  if (v.kind === 'object') return { kind: 'object', entries: v.entries.map(([k, x]) => [camel(k), camelValue(x, depth + 1)]) };
  if (v.kind === 'array') return { kind: 'array', items: v.items.map((x) => camelValue(x, depth + 1)) };
  return v;
}

// ---------------------------------------------------------------- LiteLLM

function litellmCall(sdk: SdkEntry, args: CallArgs, env: BuildEnv, line: number | undefined): HttpCall {
  const split = splitCallKwargs(sdk, args, env, line);
  let body = split.body;
  const modelV = getEntry(body, 'model') ?? (args.positional[0] ? toValue(args.positional[0]) : undefined);
  const modelText = modelV ? literalText(toWord(modelV)) : null;
  const router = sdk.router!;
  const custom = router.provider_arg ? literalText(toWord(kwarg(args.kwargs, [router.provider_arg]) ?? { kind: 'null' })) : null;
  let prefix = router.default;
  let model: Value | undefined = modelV;
  if (custom && custom !== 'None') prefix = custom;
  else if (modelText !== null) {
    const cut = modelText.indexOf(router.separator);
    const head = cut > 0 ? modelText.slice(0, cut) : '';
    if (head && (routeOf(router.name, head) || router.unsupported.includes(head))) {
      prefix = head;
      model = strV(modelText.slice(cut + router.separator.length));
    } else {
      const inferred = router.infer.find((r) => new RegExp(r.models, 'i').test(modelText));
      if (inferred) prefix = inferred.prefix;
    }
  }
  if (model) body = withEntry(body, 'model', model, true);
  const mod = (attr: string): PyVal | undefined => {
    const v = env.moduleAttr(`litellm.${attr}`);
    return v && v.kind !== 'null' ? v : undefined;
  };
  const baseV = kwarg(args.kwargs, sdk.args?.base_url) ?? mod('api_base');
  const keyV = kwarg(args.kwargs, sdk.args?.api_key) ?? mod('api_key');
  const headers: Header[] = [];
  let url: Word;
  let baseDefaulted = false;
  let keyDefaulted = false;
  let query: Array<[string, Word]> = [];

  const provider = routeOf(router.name, prefix);
  if (provider?.strategy === 'azure') {
    const endpoint = baseV ? annotate(toWord(baseV), env.pasteEnv) : implicitEnv(provider.base_url_env ?? 'AZURE_API_BASE', env.pasteEnv);
    const version = kwarg(args.kwargs, sdk.args.api_version);
    url = concatWords(joinUrl(endpoint, '/openai/deployments/'), modelWord(body), litWord(provider.endpoint));
    query = [['api-version', version ? toWord(version) : implicitEnv(provider.api_version_env ?? 'AZURE_API_VERSION', env.pasteEnv)]];
    const key = keyV ? annotate(toWord(keyV), env.pasteEnv) : implicitEnv(provider.key_env ?? 'AZURE_API_KEY', env.pasteEnv);
    keyDefaulted = !keyV;
    headers.push({ name: provider.auth?.name ?? 'api-key', value: key });
  } else {
    if (!provider) {
      env.warn('unsupported_client', `LiteLLM's ${router.unsupported.includes(prefix) ? `"${prefix}"` : 'given'} provider is not supported; its endpoint is left unknown.`, line);
      url = { parts: [] };
    } else {
      let base: Word | null = baseV ? annotate(toWord(baseV), env.pasteEnv) : null;
      if (!base && provider.base_url) {
        base = litWord(provider.base_url);
        baseDefaulted = true;
      }
      if (base && hasEnv(base)) env.warn('env_base_url', `The base URL comes from the environment variable ${envName(base)}, read when the client is built.`, line);
      const path = provider.endpoint.includes('{model}') ? fillModel(provider.endpoint, modelWord(body)) : litWord(provider.endpoint);
      if (provider.endpoint.includes('{model}')) body = genaiLike(body);
      url = base ? concatWords(joinUrl(base, ''), path) : { parts: [] };
      if (provider.auth) {
        let key: Word | null = keyV ? annotate(toWord(keyV), env.pasteEnv) : null;
        if (!key && provider.key_env) {
          key = implicitEnv(provider.key_env, env.pasteEnv);
          keyDefaulted = true;
        }
        if (key) headers.push({ name: provider.auth.name, value: provider.auth.scheme ? concatWords(litWord(provider.auth.scheme + ' '), key) : key });
      }
    }
  }
  url = appendQuery(url, [...query, ...split.query], PY_QUERY);
  for (const [k, v] of split.headers) setHeader(headers, k, v);
  return {
    client: sdk.client,
    method: 'POST',
    url,
    headers,
    body: { type: 'json', value: body },
    client_info: { sdk: sdk.id, base_url_defaulted: baseDefaulted, key_defaulted: keyDefaulted },
    span: line ? { line, column: 1 } : undefined,
  };
}

function genaiLike(body: Value): Value {
  if (body.kind !== 'object') return body;
  return { kind: 'object', entries: body.entries.filter(([k]) => k !== 'model') };
}

// ---------------------------------------------------------------- client-only and LangChain

/** A client built but never called: its chat endpoint, no body. */
export function clientOnlyCall(client: ClientObj, env: BuildEnv): HttpCall | null {
  const sdk = client.sdk;
  if (!sdk) return null;
  const ep = chatEndpoint(sdk);
  const call = sdkCall({ sdk, endpoint: ep, opts: client.opts, args: { positional: [], kwargs: [], unknownSplat: false }, line: client.line }, env);
  call.body = null;
  return call;
}

/** A LangChain chat model: constructing it is the call (every keyword not a setting goes into the body). */
export function modelCall(client: ClientObj, extra: Array<[string, PyVal]>, env: BuildEnv): HttpCall {
  const sdk = client.sdk!;
  const roles = sdk.args ?? {};
  const taken = new Set<string>(Object.values(roles).flatMap((x) => (Array.isArray(x) ? x : [])));
  const entries: Array<[string, PyVal]> = [];
  const modelV = kwarg(client.opts, roles.model);
  if (modelV) entries.push(['model', modelV]);
  for (const [k, v] of [...client.opts, ...extra]) if (!taken.has(k)) entries.push([k, v]);
  const merges: Array<[string, PyVal]> = (roles.merge_body ?? []).flatMap((n) => client.opts.filter(([k]) => k === n));
  let path = sdk.chat_endpoint;
  const responses = kwarg(client.opts, ['use_responses_api']);
  if (responses?.kind === 'bool' && responses.value && path === '/chat/completions') path = '/responses';
  const call = sdkCall(
    {
      sdk: { ...sdk, args: { ...roles, model: undefined, headers: roles.headers, merge_body: roles.merge_body }, call_drop: [] },
      endpoint: { path, method: 'POST', stream: false },
      opts: client.opts,
      args: { positional: [], kwargs: [...entries, ...merges.map(([, v]): [string, PyVal] => ['extra_body', v])], unknownSplat: false },
      line: client.line,
    },
    env,
  );
  const betas = kwarg(client.opts, roles.betas);
  if (betas) {
    const w = betaWord(betas);
    if (w) setHeader(call.headers, 'anthropic-beta', w);
  }
  return call;
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

