// The one lowering stage: an SdkCall (what a front-end found) -> the HttpCall
// the SDK would send (full URL, method, auth and other headers, JSON body),
// reading only the binding's data (grammar/sdks/, via ./data.ts). The
// families whose URL or body is not "base + path, arguments as the body"
// are named strategies, selected by the binding's `strategy`:
//   plain            base URL + the method's path
//   azure            Azure OpenAI deployments (and openai<1's api_type="azure")
//   router           a `provider/model` string picks a route (LiteLLM, DSPy)
//   genai            Google Gen AI: `contents` + `config` as the REST body, model in the path
//   ai-sdk           a Vercel AI SDK provider's model, sent by generateText/streamText
// plus the kind `model` (constructing a LangChain chat model is the call).
// Before a strategy runs, the binding's data may hand the call to another
// binding (`modes`: google-genai `vertexai=True`), and a `provider` object
// given to a model class (pydantic-ai) supplies the base URL, key and their
// defaults; option names with dots (`configuration.baseURL`) read nested options.
// Guarantee: never throws; a value it cannot know is an `unknown` part, never
// a guess; no literal from the input is ever put in a warning.
import {
  concatWords,
  env as envPart,
  litWord,
  literalText,
  mergeObjects,
  type EnvPart,
  type Header,
  type HttpCall,
  type SdkCall,
  type Value,
  type Word,
} from '../call/model.js';
import type { WarningCode } from '../codes.js';
import { annotate, appendQuery, joinUrl, setHeader } from '../call/url.js';
import { camel, camelKeys, pairsOf, putEntry, snake, snakeKeys, str, valueWord, type Lang } from '../eval/values.js';
import { chatEndpoint, clientWire, endpointOf, routeOf, sdkById, type Endpoint, type Sdk } from './data.js';

export interface LowerEnv {
  /** Variables the paste itself sets (`export X=...`, `os.environ["X"] = ...`, `process.env.X = ...`). */
  pasteEnv: Map<string, Word>;
  warn(code: WarningCode, message: string, line?: number): void;
}

interface Ctx {
  sdk: Sdk;
  call: SdkCall;
  env: LowerEnv;
  lang: Lang;
  line?: number;
}

/** Lowers an SdkCall; null when its binding id is unknown (a programmer error upstream, never input). */
export function lower(call: SdkCall, env: LowerEnv): HttpCall | null {
  let sdk = sdkById(call.sdk);
  if (!sdk) return null;
  const mode = modeOf(sdk, call, env);
  if (mode) sdk = mode;
  const ctx: Ctx = withProvider({ sdk, call, env, lang: sdk.language, line: call.line });
  let out: HttpCall;
  if (call.path !== undefined) out = methodCall(ctx, { path: call.path, method: (call.method ?? 'post').toUpperCase() === 'GET' ? 'GET' : 'POST', stream: false });
  else if (call.method === null) {
    if (ctx.sdk.kind === 'model') out = ctx.sdk.strategy === 'router' ? routerCall(ctx) : modelCall(ctx);
    else {
      // A client built but never called: its chat endpoint, no body.
      out = methodCall(ctx, chatEndpoint(ctx.sdk));
      out.body = null;
    }
  } else if (ctx.sdk.strategy === 'ai-sdk') out = aiSdkCall(ctx, call.method);
  else if (ctx.sdk.strategy === 'router') out = routerCall(ctx);
  else out = methodCall(ctx, endpointOf(ctx.sdk, call.method) ?? endpointOf(sdk, call.method) ?? chatEndpoint(ctx.sdk));
  if (call.ctor === null) {
    // A fragment: the client is never built, so its URL and key are unknown.
    out.url = { parts: [] };
    out.headers = out.headers.filter((h) => !/^(authorization|x-api-key|api-key|x-goog-api-key)$/i.test(h.name));
    delete out.client_info;
    // Only the client's name is left: its wire when every binding of that client speaks one.
    out.wire = clientWire(out.client);
  } else out.wire = out.client_info?.sdk ? sdkById(out.client_info.sdk)?.wire : clientWire(out.client);
  return out;
}

/** The binding a `modes` entry hands the call to (google-genai `vertexai=True`), or undefined. */
function modeOf(sdk: Sdk, call: SdkCall, env: LowerEnv): Sdk | undefined {
  for (const m of sdk.modes) {
    const v = call.ctor?.find(([k]) => k === m.arg)?.[1];
    let on = false;
    if (v && v.kind !== 'null') on = (v.kind === 'bool' || v.kind === 'number' ? v.value : v.kind === 'string' ? literalText(v.word) : undefined) === m.equals;
    else if (m.env) {
      const w = env.pasteEnv.get(m.env);
      on = !!w && /^(true|1)$/i.test(literalText(w) ?? '');
    }
    if (on) return sdkById(m.binding);
  }
  return undefined;
}

/**
 * A model class given a provider (the `provider` arg role): an object of a
 * `kind: provider` binding supplies the base URL and key (its keywords) and
 * their defaults, replacing the model's own; the model class keeps its wire,
 * endpoint and auth. A provider given as a name stays for the router.
 */
function withProvider(ctx: Ctx): Ctx {
  const names = ctx.sdk.args.provider;
  const nested = ctx.call.nested;
  if (!names || !nested || !ctx.call.ctor) return ctx;
  const found = [...nested].reverse().find(([k]) => names.includes(k));
  let hit: [string, SdkCall] | undefined = found;
  let p = hit ? sdkById(hit[1].sdk) : undefined;
  // A provider given a ready client (`OpenAIProvider(openai_client=AsyncOpenAI(base_url=...))`): that client's settings.
  const inner = p?.kind === 'provider' ? hit?.[1].nested?.find(([, c]) => sdkById(c.sdk)?.kind === 'client') : undefined;
  if (inner) {
    hit = inner;
    p = sdkById(inner[1].sdk);
  }
  if (!hit || !p || (p.kind !== 'provider' && p.kind !== 'client')) return ctx;
  const sdk: Sdk = {
    ...ctx.sdk,
    strategy: ctx.sdk.strategy === 'router' ? 'plain' : ctx.sdk.strategy,
    default_base_url: p.default_base_url,
    base_url_env: p.base_url_env,
    default_key_env: p.default_key_env,
    args: { ...ctx.sdk.args, base_url: p.args.base_url, api_key: p.args.api_key, headers: p.args.headers, provider: undefined, drop: [...(ctx.sdk.args.drop ?? []), ...names] },
    header_args: { ...ctx.sdk.header_args, ...p.header_args },
  };
  // Only the provider's settings travel (its http_client, openai_client... configure nothing the request shows).
  const own = new Set([...(p.args.base_url ?? []), ...(p.args.api_key ?? []), ...(p.args.headers ?? []), ...Object.keys(p.header_args)]);
  const ctor = [...ctx.call.ctor.filter(([k]) => !names.includes(k)), ...(hit[1].ctor ?? []).filter(([k]) => own.has(k))];
  return { ...ctx, sdk, call: { ...ctx.call, ctor } };
}

// ---------------------------------------------------------------- reading arguments

const isNull = (v: Value) => v.kind === 'null';

/**
 * The last entry among `names` that is not None/null/undefined. In
 * JavaScript a spelling that differs only in case (`baseUrl` for `baseURL`)
 * is read too, with a warning.
 */
function pick(ctx: Ctx, entries: Array<[string, Value]> | null, names: string[] | undefined, loose = true): Value | undefined {
  if (!names || !entries) return undefined;
  let found: Value | undefined;
  for (const [k, v] of entries) if (names.includes(k) && !isNull(v)) found = v;
  // `configuration.baseURL`: an option nested in an options object (LangChain.js), by its dotted path.
  for (const n of names) {
    if (found || !n.includes('.')) continue;
    const v = dotted(entries, n.split('.'));
    if (v && !isNull(v)) found = v;
  }
  if (found || ctx.lang !== 'javascript' || !loose) return found;
  const lower = names.map((n) => n.toLowerCase());
  for (const [k, v] of entries)
    if (lower.includes(k.toLowerCase()) && !isNull(v)) {
      found = v;
      if (/^[A-Za-z_$][\w$]{0,40}$/.test(k)) ctx.env.warn('option_spelling', `The option ${k} is read as ${names[lower.indexOf(k.toLowerCase())]}, the SDK's spelling.`, ctx.line);
    }
  return found;
}

/** The value at a dotted option path (`configuration.baseURL`) in an entry list, if every level is an object. */
function dotted(entries: Array<[string, Value]>, path: string[]): Value | undefined {
  let cur: Value = { kind: 'object', entries };
  for (const seg of path) {
    const next = getEntry(cur, seg);
    if (!next) return undefined;
    cur = next;
  }
  return cur;
}

/** A module setting (`openai.api_base = ...`) by attribute name, for module-level calls. */
function moduleAttr(ctx: Ctx, attr: string): Value | undefined {
  const e = ctx.call.module?.find(([k]) => k === attr);
  return e && !isNull(e[1]) ? e[1] : undefined;
}

/** The module setting that plays `role` (the binding's `module.config`). */
function moduleRole(ctx: Ctx, role: string): Value | undefined {
  const m = ctx.sdk.module;
  if (!m || !ctx.call.module) return undefined;
  for (const [attr, r] of Object.entries(m.config)) {
    if (r !== role) continue;
    const v = moduleAttr(ctx, attr);
    if (v) return v;
  }
  return undefined;
}

const word = (ctx: Ctx, v: Value): Word => annotate(valueWord(v, ctx.lang), ctx.env.pasteEnv);
const hasEnv = (w: Word) => w.parts.some((p) => p.kind === 'env');
const hasUnknown = (w: Word) => w.parts.some((p) => p.kind === 'unknown');
const queryOpts = (ctx: Ctx) => ({ spaceAsPlus: ctx.lang === 'python' }); // httpx encodes a space as `+`, the JS SDKs as %20

function implicitEnv(name: string, pasteEnv: Map<string, Word>): Word {
  const p: EnvPart = envPart(name, { implicit: true });
  return annotate({ parts: [p] }, pasteEnv);
}

/** Names an env part for a warning, only when it looks like a variable name. */
function envName(w: Word): string {
  const p = w.parts.find((x) => x.kind === 'env') as EnvPart | undefined;
  return p && /^[A-Z_][A-Z0-9_]{0,63}$/i.test(p.name) ? p.name : 'a variable';
}

function getEntry(body: Value, key: string): Value | undefined {
  if (body.kind !== 'object') return undefined;
  for (let i = body.entries.length - 1; i >= 0; i--) if (body.entries[i][0] === key) return body.entries[i][1];
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

/** Entries as an object, a later key replacing an earlier one in place (by key: linear in thousands of keywords). */
function objectOf(entries: Array<[string, Value]>): Value {
  const out = new Map<string, Value>();
  for (const [k, v] of entries) out.set(k, v);
  return { kind: 'object', entries: [...out] };
}

/** The model keyword as a Word for a URL path segment. */
function modelWord(ctx: Ctx, body: Value): Word {
  const m = getEntry(body, 'model');
  return m ? valueWord(m, ctx.lang) : { parts: [{ kind: 'unknown', text: 'model' }] };
}

function fillModel(path: string, model: Word): Word {
  const i = path.indexOf('{model}');
  if (i < 0) return litWord(path);
  return concatWords(litWord(path.slice(0, i)), model, litWord(path.slice(i + '{model}'.length)));
}

/** `betas=[...]` as the comma-joined `anthropic-beta` header value. */
function betaWord(ctx: Ctx, v: Value): Word | null {
  if (v.kind === 'array') {
    const parts: Word[] = [];
    v.items.forEach((x, i) => {
      if (i) parts.push(litWord(','));
      parts.push(valueWord(x, ctx.lang));
    });
    return parts.length ? concatWords(...parts) : null;
  }
  if (v.kind === 'string') return v.word;
  return null;
}

// ---------------------------------------------------------------- the client: base URL and key

interface Resolved {
  base: Word | null;
  baseDefaulted: boolean;
  key: Word | null;
  keyDefaulted: boolean;
  /** The key goes in Authorization: Bearer (an auth_token / AD token) instead of the SDK's key header. */
  bearer: boolean;
}

function resolveClient(ctx: Ctx, defaults: { base_url: string | null; base_url_env: string | null; key_env: string | null }): Resolved {
  const { sdk, env, line } = ctx;
  const opts = ctx.call.ctor;
  let base: Word | null = null;
  let baseDefaulted = false;
  const b = pick(ctx, opts, sdk.args.base_url) ?? moduleRole(ctx, 'base_url');
  if (b) base = word(ctx, b);
  else if (defaults.base_url_env && env.pasteEnv.has(defaults.base_url_env)) base = implicitEnv(defaults.base_url_env, env.pasteEnv);
  else if (defaults.base_url) {
    base = fillUrl(ctx, defaults.base_url);
    baseDefaulted = true;
  }
  if (base && hasEnv(base)) env.warn('env_base_url', `The base URL comes from the environment variable ${envName(base)}, read when the client is built.`, line);
  if (base && hasUnknown(base)) env.warn('unknown_value', 'The base URL could not be evaluated from the code; part of it is unknown.', line);

  let key: Word | null = null;
  let keyDefaulted = false;
  let bearer = false;
  const k = pick(ctx, opts, sdk.args.api_key) ?? moduleRole(ctx, 'api_key');
  const tok = pick(ctx, opts, sdk.args.bearer_token);
  if (k) key = word(ctx, k);
  else if (tok) {
    key = tok.kind === 'string' ? word(ctx, tok) : { parts: [{ kind: 'unknown', text: 'token provider' }] };
    bearer = true;
  } else if (defaults.key_env) {
    key = implicitEnv(defaults.key_env, env.pasteEnv);
    keyDefaulted = true;
  }
  if (key && !bearer && hasUnknown(key)) env.warn('unknown_value', 'The API key argument could not be evaluated; it is left unknown.', line);
  return { base, baseDefaulted, key, keyDefaulted, bearer };
}

/**
 * A default base URL with `{name}` holes (the binding's `url_params`): each
 * from a constructor keyword, else the variable the SDK reads (a reference,
 * so an unset project leaves the URL unresolved), else the SDK's default;
 * then the binding's `url_rewrites` on a literal result.
 */
function fillUrl(ctx: Ctx, template: string): Word {
  const params = ctx.sdk.url_params;
  if (!Object.keys(params).length || !template.includes('{')) return litWord(template);
  const words: Word[] = [];
  let last = 0;
  const re = /\{([a-z_]+)\}/g;
  for (let m = re.exec(template); m; m = re.exec(template)) {
    const p = params[m[1]];
    if (!p) continue;
    words.push(litWord(template.slice(last, m.index)));
    last = m.index + m[0].length;
    const v = pick(ctx, ctx.call.ctor, p.args, false);
    if (v) words.push(word(ctx, v));
    else if (p.env && (ctx.env.pasteEnv.has(p.env) || !p.default)) {
      words.push(implicitEnv(p.env, ctx.env.pasteEnv));
      if (!ctx.env.pasteEnv.has(p.env)) ctx.env.warn('env_base_url', `The ${m[1]} in the URL comes from the environment variable ${p.env}, which the example does not set.`, ctx.line);
    } else if (p.default) {
      words.push(litWord(p.default));
      if (p.env) ctx.env.warn('base_url_default', `The ${m[1]} is not in the code; the SDK's default ${p.default} is used unless ${p.env} is set.`, ctx.line);
    }
    else words.push({ parts: [{ kind: 'unknown', text: m[1] }] });
  }
  words.push(litWord(template.slice(last)));
  let out = concatWords(...words);
  const first = out.parts[0];
  if (first?.kind === 'lit')
    for (const r of ctx.sdk.url_rewrites)
      if (first.text.startsWith(r.from)) {
        out = { parts: [{ kind: 'lit', text: r.to + first.text.slice(r.from.length) }, ...out.parts.slice(1)] };
        break;
      }
  return out;
}

/** Constructor keywords the binding sends as headers (`header_args`). */
function ctorHeaders(ctx: Ctx, headers: Header[]): void {
  for (const [arg, name] of Object.entries(ctx.sdk.header_args)) {
    const v = pick(ctx, ctx.call.ctor, [arg], false);
    if (v && v.kind !== 'unknown') setHeader(headers, name, word(ctx, v));
  }
}

function authHeaders(auth: Sdk['auth'], r: Resolved): Header[] {
  if (!r.key) return [];
  if (r.bearer) return [{ name: 'Authorization', value: concatWords(litWord('Bearer '), r.key) }];
  if (!auth) return [];
  return [{ name: auth.name, value: auth.scheme ? concatWords(litWord(auth.scheme + ' '), r.key) : r.key }];
}

// ---------------------------------------------------------------- the call: body, extra headers and query

interface Split {
  body: Value;
  headers: Array<[string, Word]>;
  query: Array<[string, Word]>;
  betas: Word | null;
  /** A call argument pinning the provider (`model_suffix` role). */
  suffix: Value | null;
}

/**
 * Call arguments -> body (with `extra_body`-style objects merged), extra
 * headers and query, `betas`. Which argument plays which role is the
 * binding's data (`call_args`); everything else not in `call_drop` is a body field.
 */
function splitCall(ctx: Ctx, kwargs: Array<[string, Value]>): Split {
  const { sdk, env, line } = ctx;
  const roles = sdk.call_args;
  const drop = new Set(sdk.call_drop);
  const entries: Array<[string, Value]> = [];
  const merges: Value[] = [];
  const headers: Array<[string, Word]> = [];
  const query: Array<[string, Word]> = [];
  let betas: Word | null = null;
  let suffix: Value | null = null;
  for (const [k, v] of kwargs) {
    if (roles.model_suffix.includes(k)) {
      suffix = v;
      continue;
    }
    if (roles.merge_body.includes(k)) {
      if (v.kind === 'object') merges.push(v);
      else if (v.kind !== 'null') env.warn('unknown_value', `The ${k} argument could not be evaluated; its fields are missing from the body.`, line);
      continue;
    }
    if (roles.headers.includes(k)) {
      headers.push(...(pairsOf(v, ctx.lang) ?? []));
      continue;
    }
    if (roles.query.includes(k)) {
      query.push(...(pairsOf(v, ctx.lang) ?? []));
      continue;
    }
    if (roles.betas.includes(k)) {
      betas = betaWord(ctx, v);
      continue;
    }
    if (drop.has(k)) continue;
    entries.push([k, v]);
  }
  let body = objectOf(entries);
  for (const m of merges) body = mergeObjects(body, m);
  if (sdk.body_case === 'snake') body = snakeKeys(body);
  if (ctx.call.unknownSplat) env.warn('unknown_value', 'Some arguments come from a ** expansion that could not be evaluated.', line);
  return { body, headers, query, betas, suffix };
}

/** The request options object's member (`headers`, `query`), JavaScript's second method argument. */
function optionPairs(ctx: Ctx, name: string): Array<[string, Word]> {
  const o = ctx.call.options;
  if (!o || o.kind !== 'object') return [];
  return (pairsOf(getEntry(o, name), ctx.lang) ?? []).map(([k, v]) => [k, annotate(v, ctx.env.pasteEnv)]);
}

// ---------------------------------------------------------------- plain, azure and genai clients

/** A method call on a client (or a module-level call): the plain, azure and genai strategies. */
function methodCall(ctx: Ctx, endpoint: Endpoint): HttpCall {
  const { sdk, call, env } = ctx;
  const split = splitCall(ctx, call.kwargs);
  let body = split.body;
  const ctorModel = pick(ctx, call.ctor, sdk.args.model, false);
  if (ctorModel && !getEntry(body, 'model')) body = withEntry(body, 'model', ctorModel, true);
  body = pinProvider(body, split.suffix ?? pick(ctx, call.ctor, sdk.args.model_suffix, false) ?? null);
  if (endpoint.stream) body = withEntry(body, 'stream', { kind: 'bool', value: true });

  // openai<1 with `openai.api_type = "azure"` configured the module's client for Azure.
  const apiType = call.module ? moduleAttr(ctx, 'api_type') : undefined;
  const legacyAzure = apiType?.kind === 'string' && /azure/i.test(literalText(apiType.word) ?? '');
  const azure = sdk.strategy === 'azure' || legacyAzure;
  const r = resolveClient(ctx, azure ? { base_url: null, base_url_env: null, key_env: sdk.default_key_env } : { base_url: sdk.default_base_url, base_url_env: sdk.base_url_env, key_env: sdk.default_key_env });
  let url: Word;
  const query: Array<[string, Word]> = [];
  if (azure) {
    const a = azureUrl(ctx, body, endpoint.path, legacyAzure);
    url = a.url;
    query.push(a.version);
    r.baseDefaulted = false;
  } else if (sdk.strategy === 'genai') {
    const model = modelWord(ctx, body);
    body = genaiBody(body);
    url = r.base ? concatWords(joinUrl(r.base, ''), fillModel(endpoint.path, model)) : { parts: [] };
  } else {
    const path = endpoint.path.includes('{model}') ? fillModel(endpoint.path, modelWord(ctx, body)) : litWord(endpoint.path);
    url = r.base ? concatWords(joinUrl(r.base, ''), path) : { parts: [] };
  }
  query.push(...(pairsOf(pick(ctx, call.ctor, sdk.args.query, false), ctx.lang) ?? []), ...split.query, ...optionPairs(ctx, 'query'));
  url = appendQuery(url, query, queryOpts(ctx));

  // openai<1 with api_type "azure" sent the key in api-key, as AzureOpenAI does.
  const headers = authHeaders(legacyAzure ? { name: 'api-key', scheme: null } : sdk.auth, r);
  for (const [k, v] of pairsOf(pick(ctx, call.ctor, sdk.args.headers, false), ctx.lang) ?? []) setHeader(headers, k, annotate(v, env.pasteEnv));
  ctorHeaders(ctx, headers);
  for (const [k, v] of split.headers) setHeader(headers, k, v);
  for (const [k, v] of optionPairs(ctx, 'headers')) setHeader(headers, k, v);
  if (split.betas) setHeader(headers, 'anthropic-beta', split.betas);
  const ctorBetas = pick(ctx, call.ctor, sdk.args.betas, false);
  const bw = ctorBetas ? betaWord(ctx, ctorBetas) : null;
  if (bw) setHeader(headers, 'anthropic-beta', bw);

  return {
    client: sdk.client,
    method: endpoint.method,
    url,
    headers,
    body: endpoint.method === 'GET' ? null : { type: 'json', value: body },
    client_info: { sdk: sdk.id, base_url_defaulted: r.baseDefaulted, key_defaulted: r.keyDefaulted },
    span: ctx.line ? { line: ctx.line, column: 1 } : undefined,
  };
}

/**
 * A router's provider pin (`model_suffix` role, Hugging Face `provider=`): the
 * OpenAI-compatible router takes it as `model:provider`. `auto`, an unknown
 * value or a model that is not a literal leave the body as it is.
 */
function pinProvider(body: Value, suffix: Value | null): Value {
  if (!suffix || suffix.kind !== 'string') return body;
  const p = literalText(suffix.word);
  const m = getEntry(body, 'model');
  const mt = m?.kind === 'string' ? literalText(m.word) : null;
  if (!p || p === 'auto' || !/^[\w.-]+$/.test(p) || mt === null || mt.includes(':')) return body;
  return withEntry(body, 'model', str(`${mt}:${p}`), true);
}

/**
 * Azure OpenAI (openai-python lib/azure.py, openai-node src/azure.ts): the
 * endpoint + `/openai`, then `/deployments/{deployment or model}` before the
 * deployment-routed paths, `api-version` in the query.
 */
function azureUrl(ctx: Ctx, body: Value, path: string, legacy: boolean): { url: Word; version: [string, Word] } {
  const { sdk, call, env, line } = ctx;
  const roles = sdk.args;
  const deploymentV = legacy ? pick(ctx, call.kwargs, ['engine', 'deployment_id']) : pick(ctx, call.ctor, roles.azure_deployment);
  const versionV = pick(ctx, call.ctor, roles.api_version) ?? (legacy ? moduleAttr(ctx, 'api_version') : undefined);
  const version = versionV ? word(ctx, versionV) : implicitEnv('OPENAI_API_VERSION', env.pasteEnv);
  const model = getEntry(body, 'model');
  const deployment: Word = deploymentV ? valueWord(deploymentV, ctx.lang) : model ? valueWord(model, ctx.lang) : { parts: [{ kind: 'unknown', text: 'deployment' }] };
  const baseV = legacy ? undefined : pick(ctx, call.ctor, roles.base_url);
  let base: Word;
  if (baseV) base = word(ctx, baseV);
  else {
    const epV = legacy ? (moduleAttr(ctx, 'api_base') ?? moduleAttr(ctx, 'base_url') ?? moduleAttr(ctx, 'azure_endpoint')) : pick(ctx, call.ctor, roles.azure_endpoint);
    const endpoint = epV ? word(ctx, epV) : implicitEnv(sdk.base_url_env ?? 'AZURE_OPENAI_ENDPOINT', env.pasteEnv);
    if (!epV) env.warn('env_base_url', 'The Azure endpoint is not in the code; the client reads it from AZURE_OPENAI_ENDPOINT.', line);
    base = joinUrl(endpoint, '/openai');
  }
  const baseText = base.parts.map((p) => (p.kind === 'lit' ? p.text : '')).join('');
  const routed = sdk.azure_deployment_paths === null || sdk.azure_deployment_paths.includes(path);
  const viaDeployment = routed && !/\/deployments(\/|$)/.test(baseText) && !/\/openai\/v1\/?$/.test(baseText);
  const url = viaDeployment ? concatWords(joinUrl(base, '/deployments/'), deployment, litWord(path)) : joinUrl(base, path);
  return { url, version: ['api-version', version] };
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
      out.push(['contents', v.kind === 'string' ? { kind: 'array', items: [{ kind: 'object', entries: [['role', str('user')], ['parts', { kind: 'array', items: [{ kind: 'object', entries: [['text', v]] }] }]] }] } : camelKeys(v)]);
      continue;
    }
    if (k === 'config' && v.kind === 'object') {
      for (const [ck, cv] of v.entries) (top.has(ck) ? out : gen).push([camel(ck), camelKeys(cv)]);
      continue;
    }
    out.push([camel(k), camelKeys(v)]);
  }
  if (gen.length) out.push(['generationConfig', { kind: 'object', entries: gen }]);
  return { kind: 'object', entries: out };
}

// ---------------------------------------------------------------- router (LiteLLM `provider/model`)

function routerCall(ctx: Ctx): HttpCall {
  const { sdk, call, env, line } = ctx;
  const router = sdk.router!;
  // A router model (kind: model, DSPy-like) is built by its constructor: its keywords are the call's.
  const kwargs = call.method === null && call.ctor ? modelKwargs(ctx) : call.kwargs;
  const split = splitCall(ctx, kwargs);
  let body = split.body;
  // A client built from a `provider/model` string (instructor.from_provider) keeps the model for its calls.
  const modelV = getEntry(body, 'model') ?? call.positional[0] ?? (call.method !== null ? pick(ctx, call.ctor, sdk.args.model, false) : undefined);
  const modelText = modelV ? literalText(valueWord(modelV, ctx.lang)) : null;
  const settings = call.ctor ? [...call.ctor, ...kwargs] : kwargs;
  const customV = router.provider_arg ? pick(ctx, settings, [router.provider_arg]) : undefined;
  const custom = customV ? literalText(valueWord(customV, ctx.lang)) : null;
  let prefix = router.default;
  let model: Value | undefined = modelV;
  if (custom && custom !== 'None') prefix = custom;
  else if (modelText !== null) {
    const cut = modelText.indexOf(router.separator);
    const head = cut > 0 ? modelText.slice(0, cut) : '';
    if (head && (routeOf(router.name, head) || router.unsupported.includes(head) || router.require_prefix)) {
      prefix = head;
      model = str(modelText.slice(cut + router.separator.length));
    } else {
      const inferred = router.infer.find((r) => new RegExp(r.models, 'i').test(modelText));
      if (inferred) prefix = inferred.prefix;
      // `x/model` with an x the data does not know: the router would fail on it; the draft keeps
      // the default provider and the whole id, and says so (x is input text: never quoted).
      else if (head) env.warn('unknown_value', `${router.label} reads the text before "${router.separator}" in the model id as its provider, and byok does not know that provider; the draft assumes the default (${router.default}) and keeps the whole model id.`, line);
    }
  }
  if (model) body = withEntry(body, 'model', model, true);
  if (router.provider_arg) body = withoutEntry(body, router.provider_arg);
  const baseV = pick(ctx, settings, sdk.args.base_url) ?? moduleRole(ctx, 'base_url');
  const keyV = pick(ctx, settings, sdk.args.api_key) ?? moduleRole(ctx, 'api_key');
  const headers: Header[] = [];
  let url: Word;
  let baseDefaulted = false;
  let keyDefaulted = false;
  let query: Array<[string, Word]> = [];

  const route = routeOf(router.name, prefix);
  if (route?.strategy === 'azure') {
    const endpoint = baseV ? word(ctx, baseV) : implicitEnv(route.base_url_env ?? 'AZURE_API_BASE', env.pasteEnv);
    const version = pick(ctx, kwargs, sdk.args.api_version);
    url = concatWords(joinUrl(endpoint, '/openai/deployments/'), modelWord(ctx, body), litWord(route.endpoint));
    query = [['api-version', version ? valueWord(version, ctx.lang) : implicitEnv(route.api_version_env ?? 'AZURE_API_VERSION', env.pasteEnv)]];
    const key = keyV ? word(ctx, keyV) : implicitEnv(route.key_env ?? 'AZURE_API_KEY', env.pasteEnv);
    keyDefaulted = !keyV;
    headers.push({ name: route.auth?.name ?? 'api-key', value: key });
  } else if (!route) {
    // The prefix is named only when it is one the data lists (never text from the input).
    env.warn('unsupported_client', `${router.label}'s ${router.unsupported.includes(prefix) ? `"${prefix}"` : 'given'} provider is not supported; its endpoint is left unknown.`, line);
    url = { parts: [] };
  } else {
    let base: Word | null = baseV ? word(ctx, baseV) : null;
    if (!base && route.base_url) {
      base = litWord(route.base_url);
      baseDefaulted = true;
    }
    if (base && hasEnv(base)) env.warn('env_base_url', `The base URL comes from the environment variable ${envName(base)}, read when the client is built.`, line);
    const path = route.endpoint.includes('{model}') ? fillModel(route.endpoint, modelWord(ctx, body)) : litWord(route.endpoint);
    if (route.endpoint.includes('{model}')) body = body.kind === 'object' ? { kind: 'object', entries: body.entries.filter(([k]) => k !== 'model') } : body;
    url = base ? concatWords(joinUrl(base, ''), path) : { parts: [] };
    if (route.auth) {
      let key: Word | null = keyV ? word(ctx, keyV) : null;
      if (!key && route.key_env) {
        key = implicitEnv(route.key_env, env.pasteEnv);
        keyDefaulted = true;
      }
      if (key) headers.push({ name: route.auth.name, value: route.auth.scheme ? concatWords(litWord(route.auth.scheme + ' '), key) : key });
    }
  }
  url = appendQuery(url, [...query, ...split.query], queryOpts(ctx));
  for (const [k, v] of split.headers) setHeader(headers, k, v);
  ctorHeaders(ctx, headers);
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

// ---------------------------------------------------------------- kind model (LangChain chat models)

/** A model's constructor keywords as request fields: the model role first, every keyword no role takes, merges as `extra_body`. */
function modelKwargs(ctx: Ctx): Array<[string, Value]> {
  const { sdk, call } = ctx;
  const roles = sdk.args;
  const taken = new Set<string>(Object.values(roles).flatMap((x) => (Array.isArray(x) ? x : [])));
  const ctor = call.ctor ?? [];
  const out: Array<[string, Value]> = [];
  const modelV = pick(ctx, ctor, roles.model, false);
  if (modelV) out.push(['model', modelV]);
  for (const [k, v] of [...ctor, ...call.kwargs]) if (!taken.has(k)) out.push([k, v]);
  for (const n of roles.merge_body ?? []) for (const [k, v] of ctor) if (k === n) out.push([sdk.call_args.merge_body[0] ?? 'extra_body', v]);
  return out;
}

/** Constructing a chat model is the call: every keyword not a setting goes into the body. */
function modelCall(ctx: Ctx): HttpCall {
  const { sdk, call } = ctx;
  let path = sdk.chat_endpoint;
  const responses = pick(ctx, call.ctor, ['use_responses_api'], false);
  if (responses?.kind === 'bool' && responses.value && path === '/chat/completions') path = '/responses';
  const inner: Ctx = {
    ...ctx,
    sdk: { ...sdk, args: { ...sdk.args, model: undefined, betas: sdk.args.betas }, call_drop: [] },
    call: { ...call, kwargs: modelKwargs(ctx), unknownSplat: false },
  };
  return methodCall(inner, { path, method: 'POST', stream: false });
}

// ---------------------------------------------------------------- Vercel AI SDK providers

/**
 * A provider's model, sent by `generateText({ model: provider("id"), system,
 * prompt, messages, ... })`: the request in its endpoint's own shape (Chat
 * Completions, Responses or Anthropic Messages), the AI SDK's camelCase
 * settings renamed as the providers rename them. Without `generate` (a model
 * built, never sent): the endpoint with the model only.
 */
function aiSdkCall(ctx: Ctx, method: string): HttpCall {
  const { sdk, call, env } = ctx;
  const endpoint = endpointOf(sdk, method) ?? chatEndpoint(sdk);
  const model = call.positional[0] ?? { kind: 'unknown', text: 'model' };
  // The model goes in as the one keyword, so that an endpoint with `{model}` in its path (Gemini's generateContent) is filled.
  const base = methodCall({ ...ctx, call: { ...call, kwargs: [['model', model]], options: undefined } }, { ...endpoint, stream: false });
  if (!call.generate) {
    base.body = { type: 'json', value: { kind: 'object', entries: [['model', model]] } };
    return base;
  }
  const args = call.generate.kwargs;
  const get = (k: string): Value | undefined => {
    for (let i = args.length - 1; i >= 0; i--) if (args[i][0] === k) return isNull(args[i][1]) ? undefined : args[i][1];
    return undefined;
  };
  const path = endpoint.path;
  const style = /\/responses$/.test(path) ? 'responses' : /\/messages$/.test(path) ? 'messages' : 'chat';
  const entries: Array<[string, Value]> = [['model', model]];
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
  if (call.generate.stream) entries.push(['stream', { kind: 'bool', value: true }]);
  // providerOptions: the provider's own key, renamed as that provider sends it.
  const po = get('providerOptions');
  const nameV = pick(ctx, call.ctor, ['name'], false);
  const key = (nameV ? literalText(valueWord(nameV, ctx.lang)) : null) ?? sdk.provider_options_key;
  const mine = po ? getEntry(po, key) : undefined;
  if (mine?.kind === 'object') for (const [k, v] of providerOptionEntries(mine, style, sdk)) putEntry(entries, k, v);
  let body: Value = { kind: 'object', entries };
  if (style === 'responses') body = nestReasoning(body);
  base.body = { type: 'json', value: body };
  const h = get('headers');
  for (const [k, v] of pairsOf(h, ctx.lang) ?? []) setHeader(base.headers, k, annotate(v, env.pasteEnv));
  return base;
}

/** One provider's `providerOptions` object as body fields. */
function providerOptionEntries(po: Value, style: 'chat' | 'responses' | 'messages', sdk: Sdk): Array<[string, Value]> {
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
    // Providers with their own request mapping send camelCase options snake_case (grammar/sdks/ provider_options_case).
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
