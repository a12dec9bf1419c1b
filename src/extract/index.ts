// The extractor: HttpCalls (from any front-end) -> a parse-example result.
// It knows vendors and protocols through the data in grammar/ and vendors/,
// never syntax. It picks the API call, splits its URL into base_url and
// endpoint, maps other protocols to a supported wire, finds the auth scheme,
// the key's variable, thinking controls and vendor request fields, and
// redacts every literal key it met.
// Guarantees: never throws on any HttpCall; the result never contains any
// 8-character stretch of a secret found in the input (see secrets.ts scrub).
import { pushAll } from '../arrays.js';
import { isUpperName, refersToGroups, trimEndOf } from '../text.js';
import {
  envNames,
  isLiteral,
  lit,
  mergeLits,
  objectGet,
  renderWord,
  valueToJson,
  type EnvPart,
  type FrontEndResult,
  type HttpCall,
  type Part,
  type Value,
  type Warning,
  type Word,
} from '../call/model.js';
import { fail, type Failure } from '../failure.js';
import { isLocalHost, keyEnvForHost, keyEnvForUrl, plainUrl, type UrlParts } from '../hosts.js';
import type { Auth, Draft, ParseExampleResult } from '../result.js';
import { AUTH_SCHEMES, type AuthScheme } from '../codes.js';
import type { Protocol } from '../data/schemas.js';
import {
  AUTH_HEADERS,
  AUTH_QUERY,
  CLIENT_HEADERS,
  GATEWAY_AUTH_HEADERS,
  PER_CALL,
  hostInfo,
  isCuratedVendor,
  isStandardField,
  matchEndpoint,
  protocolMapping,
  type HostInfo,
} from './knowledge.js';
import placeholderData from '../generated/placeholders.js';
import { analyseThinking, flatten, isThinkingPath } from './thinking.js';
import { isPlaceholderValue } from '../call/placeholders.js';
import { classifyCredential, findKeyShaped, isCredentialName, isSignatureName, REDACTED, scanText, SecretWindows, matchShape, rememberSecret, type FoundSecret } from '../secrets/index.js';
import type { WarningCode } from '../codes.js';

/**
 * Literal text at every credential site of a call (auth headers, -u, auth
 * query parameters, body fields named like keys), with where it was. Both
 * `extract` and `inspect` classify these, so neither can print a pasted key.
 * Only values of 8+ characters (trimmed) are listed: shorter ones are no key,
 * and are dropped before their description is built (most sites hold a
 * reference, whose literal runs are a scheme word or nothing).
 */
export function credentialLiterals(call: HttpCall): CredentialLiteral[] {
  const out: CredentialLiteral[] = [];
  const headers = call.headers;
  for (let i = 0; i < headers.length; i++) {
    const h = headers[i];
    const n = h.name.toLowerCase();
    if (n === 'cookie') {
      // Every cookie value is a credential position (session cookies).
      for (const t of literalRuns(h.value))
        for (const pair of t.split(';')) {
          const eq = pair.indexOf('=');
          if (eq > 0 && isLong(pair.slice(eq + 1))) out.push({ value: pair.slice(eq + 1).trim(), where: `${pair.slice(0, eq).trim()} cookie` });
        }
      continue;
    }
    if (!AUTH_HEADERS.has(n) && !isCredentialName(n)) continue;
    const runs = literalRuns(h.value);
    for (let k = 0; k < runs.length; k++) {
      if (!isLong(runs[k])) continue;
      const v = runs[k].replace(/^\s*(Bearer|Basic|Token)\s+/i, '').trim();
      if (isLong(v)) out.push({ value: v, where: `${h.name} header` });
    }
  }
  if (call.basic_auth) for (const t of literalRuns(call.basic_auth)) for (const piece of t.split(':')) if (isLong(piece)) out.push({ value: piece, where: '-u credentials' });
  const url = expandWord(call.url);
  const hash = url.indexOf('#');
  const q = url.indexOf('?');
  if (q >= 0 && (hash < 0 || q < hash)) queryLiterals(url.slice(q + 1, hash < 0 ? undefined : hash), '?', '= query parameter', out);
  if (hash >= 0) {
    const frag = url.slice(hash + 1);
    if (frag.includes('=')) queryLiterals(frag, '#', '= URL fragment', out);
    else if (isLong(frag)) out.push({ value: frag, where: 'URL fragment' });
  }
  // user:password@ in the URL.
  const userinfo = url.includes('@') ? /^[a-z][a-z0-9+.-]*:\/\/([^/?#@]*)@/i.exec(url) : null;
  if (userinfo) for (const piece of userinfo[1].split(':')) if (isLong(decodeSafe(piece))) out.push({ value: decodeSafe(piece), where: 'URL user:password' });
  if (call.body?.type === 'json') bodyLiterals(call.body.value, '', 0, out);
  if (call.body?.type === 'form') for (const f of call.body.fields) if (isCredentialName(f.name)) for (const t of literalRuns(f.value)) if (isLong(t)) out.push({ value: t, where: `"${f.name}" form field` });
  return out;
}

export interface CredentialLiteral {
  value: string;
  where: string;
}

/** Long enough (trimmed) to be a key. */
function isLong(v: string): boolean {
  return v.length >= 8 && v.trim().length >= 8;
}

/** The credential parameters of a query string (or a fragment written as one). */
function queryLiterals(text: string, mark: string, what: string, out: CredentialLiteral[]): void {
  try {
    for (const [k, v] of new URLSearchParams(text)) if ((AUTH_QUERY.has(k.toLowerCase()) || isCredentialName(k, 'query')) && isLong(v)) out.push({ value: v, where: `${mark}${k}${what}` });
  } catch {
    /* not a query string */
  }
}

/** Body fields named like keys, at any depth (index loops: this walks every value of the body, mostly before the JIT optimises it). */
function bodyLiterals(v: Value | undefined, key: string, depth: number, out: CredentialLiteral[]): void {
  if (!v || depth > 8) return;
  if (v.kind === 'string') {
    if (key && isCredentialName(key)) for (const t of literalRuns(v.word)) if (isLong(t)) out.push({ value: t, where: `"${key}" body field` });
  } else if (v.kind === 'object') for (let i = 0; i < v.entries.length; i++) bodyLiterals(v.entries[i][1], v.entries[i][0], depth + 1, out);
  else if (v.kind === 'array') for (let i = 0; i < v.items.length; i++) bodyLiterals(v.items[i], key, depth + 1, out);
}

/**
 * The literal runs of a word: its text with assigned values expanded, cut at each
 * reference or unknown part (and at any NUL the text holds).
 */
function literalRuns(w: Word): string[] {
  let s = '';
  const parts = w.parts;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    s += p.kind === 'lit' ? p.text : p.kind === 'env' && p.assigned ? expandWord({ parts: p.assigned }) : '\u0000';
  }
  return s.split('\u0000');
}

export interface ExtractContext {
  language: string;
  /** The full input text, scanned for key-shaped tokens. */
  text: string;
  /** Intake notes, turned into warnings. */
  notes?: string[];
}

/** Protocols whose calls are chat requests (the call to follow when a paste makes several). */
const CHAT_PROTOCOLS: Protocol[] = ['openai-chat', 'anthropic-messages', 'openai-responses', 'gemini-native', 'vertex-gemini', 'ollama-native', 'openai-completions'];

/**
 * The secrets met, each once (a set: a paste of thousands of keys was quadratic), and
 * their windows, built as they come; nothing is built for a paste with no secret (most).
 */
class Secrets {
  private seen: Set<string> | null = null;
  private windows: SecretWindows | null = null;
  add(v: string) {
    const t = v.trim();
    if (t.length < 4) return;
    const seen = (this.seen ??= new Set());
    if (seen.has(t)) return;
    seen.add(t);
    (this.windows ??= new SecretWindows()).add(t);
    rememberSecret(t);
  }
  /** `value` with every secret met removed (a copy when there is one; `value` itself when none). */
  scrub<T>(value: T): T {
    return this.windows ? this.windows.scrub(value) : value;
  }
}

/** Text of a word for places that need a value: assigned values expand, other references render as ${NAME}. */
export function expandWord(w: Word): string {
  return partsText(w.parts);
}
function partsText(parts: Part[]): string {
  let s = '';
  for (let i = 0; i < parts.length; i++) s += partText(parts[i]);
  return s;
}
function partText(p: Part): string {
  if (p.kind === 'lit') return p.text;
  if (p.kind === 'env') return p.assigned ? partsText(p.assigned) : '${' + p.name + '}';
  return '<?>';
}

function bodyObject(call: HttpCall): Value | undefined {
  // The body as an object Value, when it is one.
  return call.body?.type === 'json' && call.body.value.kind === 'object' ? call.body.value : undefined;
}

function scoreCall(c: HttpCall): number {
  const url = expandWord(c.url);
  let path = '';
  try {
    path = new URL(url.replace(/\$\{[^}]*\}/g, 'x')).pathname;
  } catch {
    path = url;
  }
  const ep = matchEndpoint(path);
  let score = 0;
  if (ep && CHAT_PROTOCOLS.includes(ep.protocol)) score += 10;
  if (ep?.protocol === 'openai-chat' || ep?.protocol === 'anthropic-messages') score += 2;
  const b = bodyObject(c);
  if (b && objectGet(b, 'model')) score += 4;
  if (b && (objectGet(b, 'messages') || objectGet(b, 'input') || objectGet(b, 'contents'))) score += 3;
  if (c.method === 'POST') score += 1;
  return score;
}

/** Walks all literal/assigned text of a word, for secret checks of values the paste assigned. */
function assignedLiterals(w: Word): string[] {
  const out: string[] = [];
  const parts = w.parts;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (p.kind === 'env' && p.assigned) out.push(partsText(p.assigned));
  }
  return out;
}

interface AuthFinding {
  auth: Auth;
  keyEnv: string | null;
  keyWord?: Word;
  where: string;
}

type QueryAuth = { name: string; value: string };

/** Finds the line a literal stands on (first occurrence), for warnings that must say where. */
class TextLines {
  constructor(private readonly text: string) {}
  at(value: string): number | undefined {
    const i = value.length >= 4 ? this.text.indexOf(value) : -1;
    if (i < 0) return undefined;
    let n = 1;
    for (let j = this.text.indexOf('\n'); j >= 0 && j < i; j = this.text.indexOf('\n', j + 1)) n++;
    return n;
  }
}

/** The state one extraction threads through its stages: warnings and the secrets met so far. */
class Run {
  readonly secrets = new Secrets();
  readonly warnings: Warning[] = [];
  readonly found: FoundSecret[];
  /** Lines whose keys were reported; made on the first report (most pastes have no key). */
  private reportedLines: Set<number> | null = null;
  private lines: TextLines | null = null;

  constructor(private readonly text: string) {
    this.found = scanText(text);
    for (let i = 0; i < this.found.length; i++) {
      const f = this.found[i];
      this.secrets.add(f.value);
      for (const p of f.pieces ?? []) this.secrets.add(p);
    }
  }

  /** The line of the input a secret stands on, when the scan found it there. */
  lineOf(value: string): number | undefined {
    const f = this.found.find((x) => x.value === value || value.includes(x.value) || x.value.includes(value));
    if (f) (this.reportedLines ??= new Set()).add(f.line);
    return f?.line ?? (this.lines ??= new TextLines(this.text)).at(value);
  }

  warn(code: WarningCode, message: string, line?: number) {
    this.warnings.push(line ? { code, message, line } : { code, message });
  }

  /** Every output leaves through here or `fail`: scrubbed of every secret met. */
  finish<T extends object>(r: T): T {
    return this.secrets.scrub(r);
  }

  fail(code: Parameters<typeof fail>[0], msg: string): Failure {
    return this.finish(fail(code, msg, this.warnings.length ? dedupe(this.warnings) : undefined));
  }

  /** Classifies a credential the sample sends, remembering and reporting a secret. */
  credential(raw: string, where: string, opts: { assigned: boolean; vendor: string | null }): string {
    const c = classifyCredential(raw);
    if (c.kind === 'secret') {
      this.secrets.add(raw.trim());
      this.secrets.add(raw.trim().replace(/^(Bearer|Basic|Token)\s+/i, ''));
      const line = this.lineOf(raw.trim());
      this.warn(
        'secret_redacted',
        `A literal API key ${opts.assigned ? 'assigned in the example and used' : 'was found'} in the ${where}${line ? ` on line ${line}` : ''}; it was not copied anywhere. Revoke it, and store a new key through the secure input.`,
        line,
      );
      if (c.vendor && opts.vendor && c.vendor !== opts.vendor && c.vendor !== 'azure-openai')
        this.warn('key_host_mismatch', `The key looks like a ${c.vendor} key but the endpoint belongs to ${opts.vendor}.`);
    } else if (c.kind === 'placeholder' && !opts.assigned && c.likely_env) {
      this.warn('placeholder_key', `The key is a placeholder, not a reference; the sample probably means the variable ${c.likely_env}.`);
    }
    return c.kind;
  }

  /** Key-shaped tokens elsewhere in the paste (comments, other commands) not yet reported. */
  reportStrayKeys() {
    for (const f of this.found) {
      const reported = (this.reportedLines ??= new Set());
      if (reported.has(f.line)) continue;
      reported.add(f.line);
      this.warn('secret_redacted', `A key-shaped token (${f.shape}) on line ${f.line} was not copied anywhere; if it is a real key, revoke it.`, f.line);
    }
  }
}

/** Whether a credential site is one the chosen call's auth reading (readAuth, readHeaders) reports itself. */
function reportedByAuth(where: string): boolean {
  const q = /^\?(.+)= query parameter$/.exec(where);
  return / header$/.test(where) || where === '-u credentials' || (!!q && AUTH_QUERY.has(q[1].toLowerCase()));
}

/** The chat call a paste makes (it may make several: a /models listing, then the call). */
function pickCall(run: Run, calls: HttpCall[]): HttpCall {
  // One call needs no ranking (most pastes make one).
  const call = calls.length === 1 ? calls[0] : calls.map((c, i) => ({ c, i, s: scoreCall(c) })).sort((a, b) => b.s - a.s || a.i - b.i)[0].c;
  let reported: Set<string> | null = null;
  for (let i = 0; i < calls.length; i++) {
    const c = calls[i];
    const literals = credentialLiterals(c);
    for (let j = 0; j < literals.length; j++) {
      const cl = literals[j];
      if (reported?.has(cl.value) || classifyCredential(cl.value).kind !== 'secret') continue;
      (reported ??= new Set()).add(cl.value);
      run.secrets.add(cl.value);
      // The chosen call's auth sites are reported, with more detail, by readAuth and readHeaders.
      if (c === call && reportedByAuth(cl.where)) continue;
      const line = run.lineOf(cl.value) ?? c.span?.line;
      const signature = /^\?(.*)= query parameter$/.exec(cl.where);
      const why =
        signature && isSignatureName(signature[1])
          ? ' It is a signature of this one URL (it expires), not an API key: register the endpoint with its key; regenerate the signature if it was shared.'
          : ' If it is a real key, revoke it.';
      run.warn('secret_redacted', `A literal secret in the ${cl.where}${line ? ` on line ${line}` : ''} was not copied anywhere.${why}`, line);
    }
  }
  if (calls.length > 1)
    run.warn('multiple_requests', `The example makes ${calls.length} requests; the draft follows the chat request and ignores ${calls.length - 1} other(s).`, call.span?.line);
  return call;
}

interface UrlInfo {
  base_url: string | null;
  host: string | null;
  protocol: Protocol;
  modelFromPath?: string;
  /** The matched endpoint's own label, when its protocol spans several endpoints. */
  endpointLabel?: string;
  query: Record<string, string>;
  queryAuth: QueryAuth | null;
  endpoint: string | null;
}

/** Splits the request URL into API root, endpoint (protocol), query and an auth query parameter. */
function readUrl(run: Run, call: HttpCall): UrlInfo | Failure {
  // `os.getenv("BASE", "https://...")`: the default the code falls back to stands for the value.
  let fb: EnvPart | undefined;
  for (const p of call.url.parts)
    if (p.kind === 'env' && !p.assigned && !!p.fallback) {
      fb = p;
      break;
    }
  const urlWord: Word = fb
    ? { parts: call.url.parts.map((p) => (p.kind === 'env' && !p.assigned && p.fallback ? { ...p, assigned: [lit(p.fallback)] } : p)) }
    : call.url;
  if (fb) run.warn('base_url_default', `The URL comes from ${fb.name}; the default the code falls back to was used.`);
  const urlText = expandWord(urlWord);
  const info: UrlInfo = { base_url: null, host: null, protocol: 'openai-chat', query: {}, queryAuth: null, endpoint: null };

  if (!urlWord.parts.length || !urlText.trim()) {
    run.warn('base_url_missing', 'The example names no URL and no client; base_url is left empty for you to fill in.');
    if (call.wire === 'anthropic') info.protocol = 'anthropic-messages';
    return info;
  }
  const first = urlWord.parts[0];
  if (first.kind === 'env' && !first.assigned)
    return run.fail('unresolved_base_url', `The URL starts with the variable ${first.name}, whose value the example does not show; set base_url to the endpoint it holds.`);
  if (first.kind === 'unknown') return run.fail('unresolved_base_url', 'The URL is computed by code the example does not show; set base_url by hand.');
  // A plain http(s) URL (most pastes) is read without the URL class (hosts.ts plainUrl).
  let u: URL | UrlParts | null = plainUrl(urlText.trim());
  if (!u) try {
    u = new URL(urlText.trim());
  } catch {
    // `https://<your-endpoint>/...`, `https://{endpoint}/...`: name the placeholder, not a parse error.
    const hostPart = /^[a-z][\w+.-]*:\/\/([^/?#\s]*)/i.exec(urlText.trim())?.[1] ?? urlText.trim().split(/[/?#\s]/)[0];
    if (hostPart && isPlaceholderHost(hostPart))
      return run.fail('unresolved_base_url', `The host ${JSON.stringify(hostPart)} is a placeholder; replace it with your endpoint's real host and paste again.`);
    return run.fail('unresolved_base_url', 'The request URL is not a valid absolute URL.');
  }
  // Each URL getter is a call into Node's URL code: each part is read once.
  const uHost = u.host;
  const uPathname = u.pathname;
  const uSearch = u.search;
  const uProtocol = u.protocol;
  info.host = uHost;
  const hostText = decodeSafe(u.hostname);
  if (isPlaceholderHost(hostText) || hostText.includes('<?>')) {
    const v = /\$\{?([A-Za-z_]\w*)/.exec(hostText)?.[1];
    return run.fail(
      'unresolved_base_url',
      v ? `The host is the variable ${v}, whose value the example does not show; set base_url to the endpoint it holds.` : `The host ${JSON.stringify(hostText)} is a placeholder; replace it with your endpoint's real host and paste again.`,
    );
  }
  const path = trimEndOf(decodeSafe(uPathname), '/');
  const ep = matchEndpoint(path);
  let basePath = path;
  if (ep) {
    info.protocol = ep.protocol;
    basePath = ep.basePath;
    info.modelFromPath = ep.model;
    info.endpointLabel = ep.label;
  } else if (!call.client_info) {
    if (!objectGet(bodyObject(call), 'messages'))
      return run.fail('unsupported_protocol', `The request goes to ${JSON.stringify(path || '/')}, which is neither an OpenAI chat-completions nor an Anthropic Messages endpoint; byok registers only those.`);
    run.warn('unknown_endpoint', `The path ${JSON.stringify(path || '/')} is not a known chat endpoint; the body looks like chat completions, so base_url is the whole URL.`);
  }
  // DESIGN: a path that holds a placeholder ({account_id}, <resource>) or an unset variable cannot be registered as is.
  // (Both forms need a `{` or a `<`: most paths have neither.)
  const hole = basePath.includes('{') || basePath.includes('<') ? /\{([^}]*)\}|<([^>]*)>/.exec(basePath) : null;
  if (hole) {
    const v = basePath[hole.index - 1] === '$' ? hole[1] : undefined;
    return run.fail(
      'unresolved_base_url',
      v ? `The URL path holds the variable ${v}, whose value the example does not show; fill it in and paste again.` : `The URL path holds the placeholder ${JSON.stringify(hole[0])}; replace it with your own value and paste again.`,
    );
  }
  // `/projects/[your-project-id]/...`, `/projects/your-project-id/...` (Vertex AI, Google Cloud docs): a path
  // segment that is a placeholder by the same marks as a placeholder host (grammar/placeholders.yaml).
  let segHole: string | undefined;
  const segs = basePath.split('/');
  for (let i = 0; i < segs.length && segHole === undefined; i++) if (segs[i].length > 0 && segs[i].length <= 80 && isPlaceholderHost(segs[i])) segHole = segs[i];
  if (segHole) return run.fail('unresolved_base_url', `The URL path holds the placeholder ${JSON.stringify(segHole)}; replace it with your own value and paste again.`);
  let namedAuth: QueryAuth | null = null;
  // No query (the common case): no URLSearchParams to build and walk.
  if (uSearch) for (const [k, v] of (u as URL).searchParams) {
    if (AUTH_QUERY.has(k.toLowerCase())) info.queryAuth = { name: k, value: v };
    else if (isSignatureName(k) && classifyCredential(v).kind === 'secret') {
      // A signature (?sig= of a shared-access URL) signs this one URL and expires: a secret (reported by pickCall), never the auth.
      run.secrets.add(v);
    } else if (isCredentialName(k, 'query') && (classifyCredential(v).kind === 'secret' || /^\$\{[A-Za-z_]\w*\}$/.test(v))) {
      // A credential by its name (?subscription_key=, ?sig=): never copied; the request's auth when nothing else is.
      namedAuth ??= { name: k, value: v };
    } else if (findKeyShaped(v) || findKeyShaped(k)) {
      run.secrets.add(v);
      run.warn('secret_redacted', `The ?${findKeyShaped(k) ? '(a key-shaped name)' : k}= query parameter holds what looks like an API key; it was not copied. Revoke it if it is real.`, call.span?.line);
    } else if (k !== 'alt' && k !== 'stream') info.query[k] = v; // alt=sse, stream: per-call switches
  }
  if (!info.queryAuth && namedAuth) info.queryAuth = namedAuth;
  info.base_url = trimEndOf(`${uProtocol}//${uHost}${basePath}`, '/');
  info.endpoint = `${uProtocol}//${uHost}${uPathname}${uSearch}`;
  return info;
}

interface Mapped {
  wire: Draft['wire'];
  base_url: string | null;
  /** Thinking controls rewritten for the target wire, and the source paths they replace. */
  translated: Record<string, unknown>;
  translatedFrom: Set<string>;
  modeOverride: Draft['thinking_mode'] | null;
  /** The body's own fields mean nothing on the target (a native protocol mapped to another root). */
  foreignBody: boolean;
}

/** The wire a protocol is registered on; other protocols mapped per grammar/endpoints.yaml. */
function mapProtocol(run: Run, url: UrlInfo, hinfo: HostInfo | null, body: Record<string, unknown>): Mapped | Failure {
  const { protocol } = url;
  if (protocol === 'models-list')
    return run.fail('no_model', "The example only lists the vendor's models; it names no model to register. Pick one and pass it with --upstream-model.");
  if (protocol === 'embeddings') return run.fail('unsupported_protocol', 'The example calls an embeddings endpoint; byok registers chat models only.');
  if (protocol === 'inference-task') return run.fail('unsupported_protocol', 'The example calls a non-chat inference task (images, audio, embeddings...); byok registers chat models only.');
  const out: Mapped = {
    wire: protocol === 'anthropic-messages' ? 'anthropic' : 'openai',
    base_url: url.base_url,
    translated: {},
    translatedFrom: new Set(),
    modeOverride: null,
    foreignBody: false,
  };
  const mapping = protocolMapping(protocol);
  if (!mapping) return out;
  out.wire = mapping.wire;
  out.foreignBody = mapping.base !== 'same';
  if (mapping.base === 'host_openai_base') {
    if (!hinfo?.openai_base_url)
      return run.fail('unsupported_protocol', `The sample uses ${mapping.label} at a host with no known OpenAI-compatible endpoint; byok registers OpenAI chat-completions or Anthropic Messages models only.`);
    out.base_url = hinfo.openai_base_url;
  } else if (mapping.base === 'append') out.base_url = (out.base_url ?? '') + (mapping.append ?? '');
  const flatBody = flatten(body);
  const renamed: string[] = [];
  for (const t of mapping.translate ?? []) {
    if (!(t.from in flatBody)) continue;
    const v = flatBody[t.from];
    const rule = t.values?.find((r) => r.equals === v);
    if (rule?.mode) out.modeOverride = rule.mode;
    const to = rule ? rule.to : t.to === null ? null : v;
    if (to !== null && to !== undefined && t.to !== null) out.translated[t.to] = to;
    out.translatedFrom.add(t.from);
    renamed.push(t.to === null ? `${t.from} has no field there and was dropped` : to === null || to === undefined ? `${t.from} needs no field there` : `${t.from} becomes ${t.to}`);
  }
  const target = mapping.base === 'same' ? 'Chat Completions at the same base URL' : `the vendor's OpenAI-compatible endpoint ${out.base_url}`;
  run.warn('mapped_protocol', `The sample uses ${url.endpointLabel ?? mapping.label}; the draft uses ${target}${renamed.length ? ` (${renamed.join('; ')})` : ''}.`);
  return out;
}

/** The upstream model: from the path (Azure, Gemini), else the body's `model`. */
function readModel(run: Run, call: HttpCall, fromPath: string | undefined): string | null {
  const model = fromPath ?? modelFromBody(run, call);
  if (model === null) return null;
  // (Character tests first: each pattern below needs its first character.)
  const c0 = model.charCodeAt(0);
  if (c0 === 36 && /^\$\{?[A-Za-z_]\w*\}?$/.test(model)) {
    run.warn('model_from_variable', `The model is the variable ${model.replace(/[${}]/g, '')}, whose value the example does not show; set upstream_model by hand.`);
    return null;
  }
  if ((c0 === 60 || c0 === 123 || c0 === 89 || c0 === 121 || c0 === 46) && /^(<.*>|\{.*\}|YOUR[-_].*|\.\.\.)$/i.test(model)) run.warn('model_placeholder', `The model ${JSON.stringify(model)} is a placeholder; set the real model id.`);
  return model;
}

function modelFromBody(run: Run, call: HttpCall): string | null {
  const modelVal = objectGet(bodyObject(call), 'model');
  if (!modelVal) {
    run.warn('model_missing', 'The example names no model; pass one with --upstream-model when you add it.');
    return null;
  }
  if (modelVal.kind !== 'string') {
    run.warn('model_from_variable', 'The model is computed by code the example does not show; set upstream_model by hand.');
    return null;
  }
  const w = modelVal.word;
  const only = w.parts.length === 1 && w.parts[0].kind === 'env' && !w.parts[0].assigned ? w.parts[0] : undefined;
  if (allExpandable(w)) return expandWord(w);
  if (only?.fallback) {
    // os.getenv("MODEL", "deepseek-chat"): the code runs with the default when the variable is unset.
    run.warn('model_default', `The model comes from ${only.name}; the default the code falls back to was used.`);
    return only.fallback;
  }
  const names = envNames(w);
  run.warn('model_from_variable', `The model comes from ${names.length ? 'the variable ' + names[0] : 'code the example does not show'}; set upstream_model by hand.`);
  return null;
}

/** Where the key goes and which variable the sample reads it from; literal keys are recorded as secrets. */
function readAuth(run: Run, call: HttpCall, url: UrlInfo, wire: Draft['wire'], vendor: string | null): { auth: Auth; keyEnv: string | null } {
  const local = url.host ? isLocalHost(url.host) : false;
  const found = findAuth(call, url.queryAuth);
  if (!found) {
    if (local) return { auth: { in: 'none' }, keyEnv: null };
    const anthropic = wire === 'anthropic';
    run.warn('auth_missing', `The example sends no API key; the draft assumes the ${anthropic ? 'x-api-key header' : 'Authorization: Bearer header'}.`);
    return { auth: { in: 'header', name: anthropic ? 'x-api-key' : 'Authorization', scheme: anthropic ? null : 'Bearer' }, keyEnv: null };
  }
  let { auth, keyEnv } = found;
  // os.environ["gsk_..."]: a key pasted where the variable's name belongs.
  if (keyEnv && !isUpperName(keyEnv) && classifyCredential(keyEnv).kind === 'secret') {
    run.secrets.add(keyEnv);
    run.warn('secret_redacted', `A literal API key stands where the ${found.where} names its variable; it was not copied anywhere. Revoke it.`);
    keyEnv = null;
  }
  const kw = found.keyWord;
  if (kw) {
    for (const v of assignedLiterals(kw)) run.credential(v, found.where, { assigned: true, vendor });
    const literal = litText(kw);
    if (isLiteral(kw)) {
      const cls = run.credential(literal, found.where, { assigned: false, vendor });
      if ((cls === 'dummy' || cls === 'empty') && local) auth = { in: 'none' };
    } else if (literal.trim().length >= 16) run.credential(literal, found.where, { assigned: false, vendor });
    if (!keyEnv && hasUnknown(kw))
      run.warn('key_from_code', `The key in the ${found.where} comes from code the example does not show; its variable is unknown.`);
  } else if (url.queryAuth) run.credential(url.queryAuth.value, `?${url.queryAuth.name}= query parameter`, { assigned: false, vendor });
  return { auth, keyEnv };
}

/** Non-auth headers every call needs (client-managed ones left out, credentials kept only as `${NAME}` references). */
function readHeaders(run: Run, call: HttpCall, auth: Auth, host: string | null): Record<string, string> {
  const headers: Record<string, string> = {};
  const authName = auth.in === 'header' ? auth.name.toLowerCase() : '';
  for (const h of call.headers) {
    const n = h.name.toLowerCase();
    if (n === authName || AUTH_HEADERS.has(n) || CLIENT_HEADERS.has(n)) continue;
    if (n !== 'cookie' && (GATEWAY_AUTH_HEADERS.has(n) || CREDENTIAL_HEADER.test(n) || isCredentialValue(h.name, h.value))) {
      headers[h.name] = credentialReference(run, h, host);
      continue;
    }
    const v = expandWord(h.value);
    const secret =
      n === 'cookie'
        ? v.split(';').some((pair) => classifyCredential(pair.slice(pair.indexOf('=') + 1)).kind === 'secret')
        : !!findKeyShaped(v) || (isCredentialName(n) && classifyCredential(v).kind === 'secret');
    if (secret) {
      run.secrets.add(v);
      const line = run.lineOf(v.trim()) ?? h.span?.line;
      run.warn('secret_redacted', `The ${h.name} header${line ? ` on line ${line}` : ''} holds a literal secret; it was not copied. Revoke it if it is real.`, line);
      continue;
    }
    headers[h.name] = v;
    if (isPlaceholderValue(v))
      run.warn('placeholder_header', `The ${h.name} header holds the placeholder ${JSON.stringify(v.trim())}; put your own value in it, or remove the header.`);
  }
  return headers;
}

/**
 * A second credential (a gateway's key beside the provider's): the draft keeps
 * the header with a `${NAME}` reference, never a value (DESIGN.md registry). NAME
 * is the variable the sample reads (or names in a placeholder), else
 * CUSTOM_KEY_<HOST>_<HEADER>; a literal key there is redacted and reported.
 */
function credentialReference(run: Run, h: HttpCall['headers'][number], host: string | null): string {
  const { scheme, rest } = splitScheme(h.value);
  const prefix = scheme ? scheme + ' ' : '';
  const derived = `CUSTOM_KEY_${(host ?? '').replace(/:\d+$/, '')}_${h.name}`.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
  const envs = rest.parts.filter((p): p is EnvPart => p.kind === 'env');
  let name: string | undefined = envs.length ? pickKeyEnv(rest) ?? undefined : undefined;
  for (const v of assignedLiterals(rest)) run.credential(v, `${h.name} header`, { assigned: true, vendor: null });
  const literal = litText(rest).trim();
  if (!envs.length && literal) {
    const c = classifyCredential(literal);
    if (c.kind === 'secret') run.credential(literal, `${h.name} header`, { assigned: false, vendor: null });
    else if (c.kind === 'placeholder' && c.likely_env) name = c.likely_env;
  }
  name ??= derived;
  run.warn(
    'credential_header',
    `The ${h.name} header carries a second credential; the draft keeps it as \${${name}}: set ${name} in the environment or .env before using the model.`,
  );
  return `${prefix}\${${name}}`;
}

/** Top-level body fields that are neither standard, per-call content nor thinking controls. */
function readRequestParams(body: Record<string, unknown>, protocol: Protocol, thinkingPaths: Set<string>, rule: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const keys = Object.keys(body);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    if (k === 'model' || PER_CALL.has(k) || isStandardField(protocol, k)) continue;
    const kept = stripSecrets(k, stripThinking(k, body[k], thinkingPaths, rule));
    if (kept !== undefined) out[k] = kept;
  }
  return out;
}

export function extract(fe: FrontEndResult, ctx: ExtractContext): ParseExampleResult {
  const run = new Run(ctx.text);
  const notes = ctx.notes ?? [];
  for (let i = 0; i < notes.length; i++) run.warn('intake', notes[i]);
  pushAll(run.warnings, fe.warnings);
  if (!fe.calls.length) return run.fail('no_request_found', 'No HTTP request or SDK call was found in the example.');

  const call = pickCall(run, fe.calls);
  const url = readUrl(run, call);
  if ('ok' in url) return url;
  const hinfo: HostInfo | null = url.host ? hostInfo(url.host) : null;
  const vendor = hinfo?.vendor ?? null;
  const body = (valueToJson(bodyObject(call) ?? { kind: 'object', entries: [] }) ?? {}) as Record<string, unknown>;
  if (call.body?.type === 'text' && call.body.text.parts.length)
    run.warn('body_not_json', 'The request body is not JSON; model and parameters could not be read from it.');

  const mapped = mapProtocol(run, url, hinfo, body);
  if ('ok' in mapped) return mapped;
  const { wire, base_url } = mapped;
  const read = readModel(run, call, url.modelFromPath);
  // The target's name for the model (grammar/endpoints.yaml `model_prefix`: Vertex's `google/`).
  const prefix = protocolMapping(url.protocol)?.model_prefix;
  const upstream_model = read !== null && prefix && !read.includes('/') ? prefix + read : read;
  let { auth, keyEnv } = readAuth(run, call, url, wire, vendor);
  const mappingAuth = protocolMapping(url.protocol)?.auth;
  if (mappingAuth && auth.in !== 'none') auth = { in: 'header', ...mappingAuth };
  run.reportStrayKeys();
  const headers = readHeaders(run, call, auth, url.host);

  // Thinking: over the body with the mapped protocol's translations in place.
  const translated = Object.keys(mapped.translated);
  const thinkingBody: Record<string, unknown> = translated.length ? { ...body } : body;
  for (const k of translated) setPath(thinkingBody, k, mapped.translated[k]);
  const th = analyseThinking(thinkingBody, { host: url.host, hostRule: hinfo?.thinking, model: upstream_model, wire });
  pushAll(run.warnings, th.warnings);
  // Source paths that were translated are reported by their translation only.
  const thinkingParams: Record<string, unknown> = {};
  for (const k of Object.keys(th.params)) if (!mapped.translatedFrom.has(k)) thinkingParams[k] = th.params[k];
  if (hasThinkSwitch(body.messages))
    run.warn('prompt_thinking_switch', 'A /think or /no_think switch sits in the messages: it is content, not a request field, and is not part of the draft.');
  const request_params = mapped.foreignBody ? {} : readRequestParams(body, url.protocol, new Set(Object.keys(th.params)), th.capability);

  const capabilities: Record<string, boolean> = {};
  if (body.stream === true) capabilities.streaming = true;
  if (Array.isArray(body.tools) && body.tools.length) capabilities.tools = true;
  const maxTokens = firstNumber(body.max_tokens, body.max_completion_tokens, body.max_output_tokens);
  // The request URL's own host when base_url was cut from it (no second URL parse).
  const api_key_env = auth.in === 'none' || !base_url ? null : base_url === url.base_url && url.host ? keyEnvForHost(url.host) : keyEnvForUrl(base_url);
  if (auth.in === 'none') keyEnv = null;

  const draft: Draft = {
    upstream_model,
    base_url,
    wire,
    name: upstream_model,
    api_key_env,
    auth,
    headers,
    query: url.query,
    thinking_capability: th.capability,
    thinking_mode: mapped.modeOverride ?? th.mode,
    thinking_params: thinkingParams,
    request_params,
    capabilities,
    max_tokens: maxTokens ?? null,
  };
  const curated = vendor && isCuratedVendor(vendor) ? vendor : null;
  const note = [
    upstream_model ? `Draft for ${upstream_model}` : 'Draft with no model yet',
    base_url ? `at ${base_url} (${wire} wire).` : '(base_url still to fill in).',
    api_key_env ? `The key goes in ${api_key_env} through the secure input, never in chat.` : auth.in === 'none' ? 'The endpoint takes no key.' : '',
    'Register it with `byok add --from-draft -`.',
    curated ? `A curated template exists: \`byok add-template ${curated}\`.` : '',
  ];
  return run.finish({
    ok: true as const,
    draft,
    detected: {
      language: ctx.language,
      client: call.client,
      method: call.method,
      endpoint: url.endpoint ? redactQueryKey(url.endpoint, url.queryAuth?.name) : null,
      key_env: keyEnv,
      vendor,
      protocol: url.protocol,
    },
    warnings: dedupe(run.warnings),
    suggestion: curated ? { action: 'add_template', vendor: curated } : null,
    note: note.filter(Boolean).join(' '),
  });
}

function firstNumber(a: unknown, b: unknown, c: unknown): number | undefined {
  return typeof a === 'number' ? a : typeof b === 'number' ? b : typeof c === 'number' ? c : undefined;
}

/** `Bearer `, `Token `, `Key `... at the start of an Authorization value, spelled as grammar knows it. */
const SCHEME_RE = new RegExp(`^\\s*(${AUTH_SCHEMES.map((x) => x.replace(/-/g, '\\-')).join('|')})(?:\\s+|$)`, 'i');
const SCHEME_BY_LOWER = new Map<string, AuthScheme>(AUTH_SCHEMES.map((x) => [x.toLowerCase(), x]));
function splitScheme(w: Word): { scheme: AuthScheme | null; rest: Word } {
  const first = w.parts[0];
  const m = first?.kind === 'lit' ? SCHEME_RE.exec(first.text) : null;
  if (!m || first?.kind !== 'lit') return { scheme: null, rest: w };
  const scheme = SCHEME_BY_LOWER.get(m[1].toLowerCase()) ?? null;
  return { scheme, rest: { parts: mergeLits([lit(first.text.slice(m[0].length)), ...w.parts.slice(1)]) } };
}

/** A header name that says it carries a credential. */
// Word segments of the header name (`x-api-key`, `X-Auth-Token`, `Helicone-Auth`), so `x-portkey-provider` is not read as "key".
const CREDENTIAL_HEADER = /(^|[-_])(key|token|secret|auth\w*|password|passwd)s?($|[-_])|apikey|accesskey|authorization/i;

/**
 * A header outside grammar's auth list that still carries the key: its name
 * says so and its value is only a variable that names a key, or a key-shaped
 * literal (`X-Api-Token: $ACME_TOKEN`, `Acme-Key: <key-shaped>`).
 */
function isCredentialValue(name: string, w: Word): boolean {
  const { rest } = splitScheme(w);
  const parts = rest.parts.filter((p) => !(p.kind === 'lit' && !p.text.trim()));
  if (parts.length !== 1) return false;
  const p = parts[0];
  if (p.kind === 'env') return CREDENTIAL_HEADER.test(name) || /KEY|TOKEN|SECRET/i.test(p.name);
  if (p.kind === 'lit') return !!matchShape(p.text.trim()) || (CREDENTIAL_HEADER.test(name) && classifyCredential(p.text).kind === 'secret');
  return false;
}

function findAuth(call: HttpCall, queryAuth: QueryAuth | null): AuthFinding | null {
  const fromHeader = (h: HttpCall['headers'][number], name: string, defaultScheme: AuthScheme | null): AuthFinding => {
    const { scheme, rest } = h.name.toLowerCase() === 'authorization' || defaultScheme ? splitScheme(h.value) : { scheme: null, rest: h.value };
    // An SDK call's auth header is the client's doing: name what the user wrote, the key argument.
    const where = call.client_info ? "client's key argument" : `${h.name} header`;
    return { auth: { in: 'header', name, scheme }, keyEnv: pickKeyEnv(rest), keyWord: rest, where };
  };
  const headers = call.headers;
  for (let i = 0; i < headers.length; i++) {
    const known = AUTH_HEADERS.get(headers[i].name.toLowerCase());
    if (known) return fromHeader(headers[i], known.name, known.scheme);
  }
  if (call.basic_auth) {
    return { auth: { in: 'header', name: 'Authorization', scheme: 'Basic' }, keyEnv: pickKeyEnv(call.basic_auth), keyWord: call.basic_auth, where: '-u credentials' };
  }
  // A header named like a credential (X-Session, X-Token...) carrying a key or a key variable is the request's auth.
  for (const h of call.headers) {
    const n = h.name.toLowerCase();
    if (n === 'cookie' || !isCredentialName(n)) continue;
    const env = pickKeyEnv(h.value);
    const literal = isLiteral(h.value) ? expandWord(h.value) : '';
    if (!env && classifyCredential(literal).kind !== 'secret') continue;
    const m = /^\s*(Bearer|Basic)\s+/i.exec(literal || (h.value.parts[0]?.kind === 'lit' ? h.value.parts[0].text : ''));
    const scheme = m ? (m[1].toLowerCase() === 'basic' ? 'Basic' : 'Bearer') : null;
    return { auth: { in: 'header', name: h.name, scheme }, keyEnv: env, keyWord: h.value, where: `${h.name} header` };
  }
  if (queryAuth) {
    const m = /^\$\{([A-Za-z_]\w*)\}$/.exec(queryAuth.value);
    return { auth: { in: 'query', name: queryAuth.name }, keyEnv: m ? m[1] : null, where: `?${queryAuth.name}= query parameter`, keyWord: m ? { parts: [{ kind: 'env', name: m[1] }] } : undefined };
  }
  for (const h of call.headers) {
    const n = h.name.toLowerCase();
    if (!CLIENT_HEADERS.has(n) && !GATEWAY_AUTH_HEADERS.has(n) && isCredentialValue(h.name, h.value)) return fromHeader(h, h.name, null);
  }
  // Only a gateway's credential (Portkey with a virtual key): that header is the key's.
  for (const g of GATEWAY_AUTH_HEADERS.values()) {
    const h = call.headers.find((x) => x.name.toLowerCase() === g.name.toLowerCase());
    if (h) return fromHeader(h, g.name, g.scheme);
  }
  return null;
}

/** The reference that names a key (the first with KEY, TOKEN, SECRET or AUTH in its name, else the first). */
const KEY_NAME = /KEY|TOKEN|SECRET|AUTH/i;
const PLACEHOLDER_NAME = /^(YOUR|MY)_|_HERE$/i;
function pickKeyEnv(w: Word): string | null {
  let first: EnvPart | undefined;
  let e: EnvPart | undefined;
  const parts = w.parts;
  for (let i = 0; i < parts.length && !e; i++) {
    const p = parts[i];
    if (p.kind !== 'env') continue;
    first ??= p;
    if (KEY_NAME.test(p.name)) e = p;
  }
  e ??= first;
  if (!e) return null;
  // `set KEY=%GROQ_API_KEY%` / `KEY=$OPENAI_API_KEY`: an alias of another variable; the key comes from that one.
  // Not to a placeholder, though: `export ANTHROPIC_API_KEY=${YOUR_API_KEY}` means "put your key in ANTHROPIC_API_KEY".
  for (let hops = 0; hops < 8 && e.assigned?.length === 1 && e.assigned[0].kind === 'env' && !PLACEHOLDER_NAME.test(e.assigned[0].name); hops++)
    e = e.assigned[0];
  return e.name;
}

/** A request field without credential-named sub-fields that hold secrets (reported by pickCall): never a `<redacted>` value. */
function stripSecrets(key: string, value: unknown, depth = 0): unknown {
  if (value === undefined || depth > 16) return value;
  if (typeof value === 'string') return (isCredentialName(key) && classifyCredential(value).kind === 'secret') || findKeyShaped(value) ? undefined : value;
  if (Array.isArray(value)) return value.map((x) => stripSecrets(key, x, depth + 1)).filter((x) => x !== undefined);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    const o = value as Record<string, unknown>;
    for (const k of Object.keys(o)) {
      const kept = stripSecrets(k, o[k], depth + 1);
      if (kept !== undefined) out[k] = kept;
    }
    return out;
  }
  return value;
}

/** Removes thinking sub-fields from a request field (venice_parameters minus disable_thinking). */
function stripThinking(key: string, value: unknown, thinkingPaths: Set<string>, rule: string): unknown {
  if (thinkingPaths.has(key) || isThinkingPath(key, rule)) return undefined;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const flat = flatten({ [key]: value });
  const keepPaths = Object.keys(flat).filter((p) => !thinkingPaths.has(p) && !isThinkingPath(p, rule));
  if (!keepPaths.length) return undefined;
  if (keepPaths.length === Object.keys(flat).length) return value;
  const out: Record<string, unknown> = {};
  for (const p of keepPaths) setPath(out, p, flat[p]);
  return out[key];
}

function setPath(obj: Record<string, unknown>, path: string, v: unknown) {
  const keys = path.split('.');
  let o = obj;
  for (const k of keys.slice(0, -1)) {
    if (!o[k] || typeof o[k] !== 'object' || Array.isArray(o[k])) o[k] = {};
    o = o[k] as Record<string, unknown>;
  }
  o[keys[keys.length - 1]] = v;
}

/** `^https?:\/\//i`, with string calls. */
function isHttpUrl(url: string): boolean {
  const head = url.slice(0, 8).toLowerCase();
  return head.startsWith('http://') || head.startsWith('https://');
}

/**
 * The endpoint as shown: the auth parameter as ${KEY} (the key variable goes
 * there), other credential parameters holding secrets, signatures included,
 * as <redacted> (a secret was there and is gone; display only, never stored).
 */
function redactQueryKey(url: string, name: string | undefined): string {
  // An http(s) URL with no query has nothing to redact, and none of the escapes replaced below:
  // it is its own serialisation (the endpoint was built from a parsed URL's parts).
  if (isHttpUrl(url) && !url.includes('?') && !url.includes('%')) return url;
  try {
    const u = new URL(url);
    for (const [k, v] of [...u.searchParams]) {
      if (k === name) u.searchParams.set(k, '${KEY}');
      else if ((isCredentialName(k, 'query') || isSignatureName(k)) && classifyCredential(v).kind === 'secret') u.searchParams.set(k, REDACTED);
    }
    return u.toString().replace(/%24%7BKEY%7D/g, '${KEY}').replace(/%3Credacted%3E/g, REDACTED);
  } catch {
    return url;
  }
}

const HOST_PATTERNS = placeholderData.url_host_patterns ?? [];
// The patterns as one alternation, one test instead of one per pattern; one by one if a
// pattern refers to a group by number or name (joined, the numbers would shift).
const PLACEHOLDER_HOSTS = HOST_PATTERNS.some(refersToGroups)
  ? HOST_PATTERNS.map((p) => new RegExp(p, 'i'))
  : [new RegExp(HOST_PATTERNS.map((p) => `(?:${p})`).join('|') || '(?!)', 'i')];
/** A host that stands for the reader's own (grammar/placeholders.yaml `url_host_patterns`). */
function isPlaceholderHost(host: string): boolean {
  for (let i = 0; i < PLACEHOLDER_HOSTS.length; i++) if (PLACEHOLDER_HOSTS[i].test(host)) return true;
  return false;
}

/**
 * Whether `/think` or `/no_think` (a prompt switch) stands in the messages: in a
 * string or a key, at any depth, followed by no word character. The same answer
 * as testing the JSON text of the messages, without writing it.
 */
function hasThinkSwitch(messages: unknown): boolean {
  const re = /\/(?:no_)?think\b/;
  const test = (s: string) => s.includes('think') && re.test(s);
  const stack: unknown[] = [messages];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (test(v)) return true;
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) stack.push(v[i]);
    } else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      const keys = Object.keys(o);
      for (let i = 0; i < keys.length; i++) {
        if (test(keys[i])) return true;
        stack.push(o[keys[i]]);
      }
    }
  }
  return false;
}

/** The literal parts' text of a word, joined (references and unknowns left out). */
function litText(w: Word): string {
  let s = '';
  for (let i = 0; i < w.parts.length; i++) {
    const p = w.parts[i];
    if (p.kind === 'lit') s += p.text;
  }
  return s;
}

/** Every part literal or a reference with a value the paste assigned. */
function allExpandable(w: Word): boolean {
  for (let i = 0; i < w.parts.length; i++) {
    const p = w.parts[i];
    if (!(p.kind === 'lit' || (p.kind === 'env' && p.assigned))) return false;
  }
  return true;
}

function hasUnknown(w: Word): boolean {
  for (let i = 0; i < w.parts.length; i++) if (w.parts[i].kind === 'unknown') return true;
  return false;
}

function decodeSafe(s: string): string {
  // Without a `%` there is nothing to decode (decodeURIComponent would return s itself).
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Secret warnings listed one by one; past these, one more warning sums up the rest. */
const MAX_SECRET_WARNINGS = 20;

/**
 * Each warning once, and at most MAX_SECRET_WARNINGS `secret_redacted` ones: a
 * paste of thousands of keys gave a warning per key (a 700 KB result that the
 * output boundary then scanned); the rest are counted in one warning that
 * names their first and last lines.
 */
function dedupe(ws: Warning[]): Warning[] {
  // One warning or none (most drafts) needs no set: it is kept as it is.
  if (ws.length < 2) return ws.slice();
  const seen = new Set<string>();
  const out: Warning[] = [];
  let secrets = 0;
  const rest: number[] = [];
  for (const w of ws) {
    const k = w.code + '|' + w.message;
    if (seen.has(k)) continue;
    seen.add(k);
    if (w.code === 'secret_redacted' && ++secrets > MAX_SECRET_WARNINGS) {
      rest.push(w.line ?? 0);
      continue;
    }
    out.push(w);
  }
  if (rest.length) {
    let first = Infinity;
    let last = 0;
    for (const l of rest) if (l > 0) [first, last] = [Math.min(first, l), Math.max(last, l)];
    const where = last ? ` (lines ${first} to ${last})` : '';
    out.push({ code: 'secret_redacted', message: `${rest.length} more keys or key-shaped tokens${where} were not copied anywhere; if they are real keys, revoke them.` });
  }
  return out;
}

export { renderWord, matchShape };
