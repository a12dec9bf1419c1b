// The extractor: HttpCalls (from any front-end) -> a parse-example result.
// It knows vendors and protocols through the data in grammar/ and vendors/,
// never syntax. It picks the API call, splits its URL into base_url and
// endpoint, maps other protocols to a supported wire, finds the auth scheme,
// the key's variable, thinking controls and vendor request fields, and
// redacts every literal key it met.
// Guarantees: never throws on any HttpCall; the result never contains any
// 8-character stretch of a secret found in the input (see secrets.ts scrub).
import {
  envNames,
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
import { fail } from '../failure.js';
import type { Auth, Draft, ParseExampleResult } from '../result.js';
import type { Protocol } from '../data/schemas.js';
import {
  AUTH_HEADERS,
  AUTH_QUERY,
  CLIENT_HEADERS,
  PER_CALL,
  hostInfo,
  isCuratedVendor,
  isLocalHost,
  isStandardField,
  matchEndpoint,
  protocolMapping,
  sdkWire,
  type HostInfo,
} from './knowledge.js';
import { analyseThinking, flatten, isThinkingPath } from './thinking.js';
import { classifyCredential, scanText, scrub, matchShape, type FoundSecret } from './secrets.js';

/**
 * Literal text at every credential site of a call (auth headers, -u, auth
 * query parameters, body fields named like keys), with where it was. Both
 * `extract` and `inspect` classify these, so neither can print a pasted key.
 */
export function credentialLiterals(call: HttpCall): Array<{ value: string; where: string }> {
  const out: Array<{ value: string; where: string }> = [];
  const lits = (w: Word) =>
    w.parts.map((p) => (p.kind === 'lit' ? p.text : p.kind === 'env' && p.assigned ? expandWord({ parts: p.assigned }) : '\u0000')).join('').split('\u0000');
  for (const h of call.headers) {
    if (!AUTH_HEADERS.has(h.name.toLowerCase()) && !/token|key|secret|auth/i.test(h.name)) continue;
    for (const t of lits(h.value)) out.push({ value: t.replace(/^\s*(Bearer|Basic|Token)\s+/i, '').trim(), where: `${h.name} header` });
  }
  if (call.basic_auth) for (const t of lits(call.basic_auth)) for (const piece of t.split(':')) out.push({ value: piece, where: '-u credentials' });
  const url = expandWord(call.url);
  const q = url.indexOf('?');
  if (q >= 0)
    for (const [k, v] of new URLSearchParams(url.slice(q + 1).split('#')[0]))
      if (AUTH_QUERY.has(k.toLowerCase()) || /key|token|secret/i.test(k)) out.push({ value: v, where: `?${k}= query parameter` });
  const body = call.body?.type === 'json' ? call.body.value : undefined;
  const walk = (v: Value | undefined, key: string, depth: number) => {
    if (!v || depth > 8) return;
    if (v.kind === 'string' && /(^|_)(api_?key|apikey|key|token|secret|password)$/i.test(key)) for (const t of lits(v.word)) out.push({ value: t, where: `"${key}" body field` });
    if (v.kind === 'object') for (const [k, x] of v.entries) walk(x, k, depth + 1);
    if (v.kind === 'array') for (const x of v.items) walk(x, key, depth + 1);
  };
  walk(body, '', 0);
  return out.filter((x) => x.value.trim().length >= 8);
}

export interface ExtractContext {
  language: string;
  /** The full input text, scanned for key-shaped tokens. */
  text: string;
  /** Intake notes, turned into warnings. */
  notes?: string[];
}

/** Protocols whose calls are chat requests (the call to follow when a paste makes several). */
const CHAT_PROTOCOLS: Protocol[] = ['openai-chat', 'anthropic-messages', 'openai-responses', 'gemini-native', 'ollama-native', 'openai-completions'];

class Secrets {
  values: string[] = [];
  add(v: string) {
    const t = v.trim();
    if (t.length >= 4 && !this.values.includes(t)) this.values.push(t);
  }
}

/** Text of a word for places that need a value: assigned values expand, other references render as ${NAME}. */
export function expandWord(w: Word): string {
  return w.parts.map((p) => partText(p)).join('');
}
function partText(p: Part): string {
  if (p.kind === 'lit') return p.text;
  if (p.kind === 'env') return p.assigned ? p.assigned.map(partText).join('') : '${' + p.name + '}';
  return '<?>';
}

function bodyObject(call: HttpCall): Value | undefined {
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
  for (const p of w.parts) if (p.kind === 'env' && p.assigned) out.push(p.assigned.map(partText).join(''));
  return out;
}

interface AuthFinding {
  auth: Auth;
  keyEnv: string | null;
  keyWord?: Word;
  where: string;
}

export function extract(fe: FrontEndResult, ctx: ExtractContext): ParseExampleResult {
  const secrets = new Secrets();
  const warnings: Warning[] = [];
  const found: FoundSecret[] = scanText(ctx.text);
  for (const f of found) secrets.add(f.value);
  const reportedLines = new Set<number>();

  const finish = <T extends object>(r: T): T => scrub(r, secrets.values);
  const failWith = (code: Parameters<typeof fail>[0], msg: string) => finish(fail(code, msg, warnings.length ? warnings : undefined));

  for (const n of ctx.notes ?? []) warnings.push({ code: 'intake', message: n });
  warnings.push(...fe.warnings);

  const calls = fe.calls;
  if (!calls.length) {
    return failWith('no_request_found', 'No HTTP request or SDK call was found in the example.');
  }
  const ranked = calls.map((c, i) => ({ c, i, s: scoreCall(c) })).sort((a, b) => b.s - a.s || a.i - b.i);
  const call = ranked[0].c;
  for (const c of calls)
    for (const cl of credentialLiterals(c)) {
      const k = classifyCredential(cl.value);
      if (k.kind === 'secret' && !secrets.values.includes(cl.value)) {
        secrets.add(cl.value);
        if (c !== call || !/header|query|-u/.test(cl.where))
          warnings.push({ code: 'secret_redacted', message: `A literal secret in the ${cl.where} was not copied anywhere; if it is a real key, revoke it.` });
      }
    }
  if (calls.length > 1) {
    const others = calls.length - 1;
    warnings.push({ code: 'multiple_requests', message: `The example makes ${calls.length} requests; the draft follows the chat request and ignores ${others} other(s).`, line: call.span?.line });
  }

  // ---------- URL ----------
  // `os.getenv("BASE", "https://...")`: the default the code falls back to stands for the value.
  const fb = call.url.parts.find((p): p is EnvPart => p.kind === 'env' && !p.assigned && !!p.fallback);
  const urlWord: Word = fb
    ? { parts: call.url.parts.map((p) => (p.kind === 'env' && !p.assigned && p.fallback ? { ...p, assigned: [lit(p.fallback)] } : p)) }
    : call.url;
  if (fb) warnings.push({ code: 'base_url_default', message: `The URL comes from ${fb.name}; the default the code falls back to was used.` });
  let urlText = expandWord(urlWord);
  let base_url: string | null = null;
  let host: string | null = null;
  let protocol: Protocol = 'openai-chat';
  let modelFromPath: string | undefined;
  const query: Record<string, string> = {};
  let queryAuth: { name: string; word: Word | null; value: string } | null = null;
  let endpoint: string | null = null;

  if (!urlWord.parts.length || !urlText.trim()) {
    warnings.push({ code: 'base_url_missing', message: 'The example names no URL and no client; base_url is left empty for you to fill in.' });
    if (sdkWire(call.client_info?.sdk, call.client) === 'anthropic') protocol = 'anthropic-messages';
  } else {
    const first = urlWord.parts[0];
    if (first.kind === 'env' && !first.assigned) {
      return failWith('unresolved_base_url', `The URL starts with the variable ${first.name}, whose value the example does not show; set base_url to the endpoint it holds.`);
    }
    if (first.kind === 'unknown') return failWith('unresolved_base_url', 'The URL is computed by code the example does not show; set base_url by hand.');
    let u: URL;
    try {
      u = new URL(urlText.trim());
    } catch {
      return failWith('unresolved_base_url', 'The request URL is not a valid absolute URL.');
    }
    host = u.host;
    const hostText = decodeSafe(u.hostname);
    if (/\$\{?[A-Za-z_]|<[^>]*>|\{[^}]*\}|YOUR[-_]|your[-_]|\[[^\]]*\]|<\?>/i.test(hostText)) {
      const v = /\$\{?([A-Za-z_]\w*)/.exec(hostText)?.[1];
      return failWith('unresolved_base_url', v ? `The host is the variable ${v}, whose value the example does not show; set base_url to the endpoint it holds.` : `The host ${JSON.stringify(decodeSafe(u.hostname))} is a placeholder; replace it with your resource's real host.`);
    }
    const path = decodeSafe(u.pathname).replace(/\/+$/, '');
    const ep = matchEndpoint(path);
    let basePath = path;
    if (ep) {
      protocol = ep.protocol;
      basePath = ep.basePath;
      modelFromPath = ep.model;
    } else if (call.client_info) {
      protocol = 'openai-chat';
    } else if (bodyObject(call) && objectGet(bodyObject(call), 'messages')) {
      protocol = 'openai-chat';
      warnings.push({ code: 'unknown_endpoint', message: `The path ${JSON.stringify(path || '/')} is not a known chat endpoint; the body looks like chat completions, so base_url is the whole URL.` });
    } else {
      return failWith('unsupported_protocol', `The request goes to ${JSON.stringify(path || '/')}, which is neither an OpenAI chat-completions nor an Anthropic Messages endpoint; byok registers only those.`);
    }
    // DESIGN: a path that holds a placeholder ({account_id}, <resource>) or an unset variable cannot be registered as is.
    const hole = /\{([^}]*)\}|<([^>]*)>/.exec(basePath);
    if (hole) {
      const v = basePath[hole.index - 1] === '$' ? hole[1] : undefined;
      return failWith('unresolved_base_url', v ? `The URL path holds the variable ${v}, whose value the example does not show; fill it in and paste again.` : `The URL path holds the placeholder ${JSON.stringify(hole[0])}; replace it with your own value and paste again.`);
    }
    for (const [k, v] of u.searchParams) {
      if (AUTH_QUERY.has(k.toLowerCase())) {
        queryAuth = { name: k, word: null, value: v };
        continue;
      }
      if (k === 'alt' || k === 'stream') continue; // per-call streaming switches
      query[k] = v;
    }
    base_url = `${u.protocol}//${u.host}${basePath}`.replace(/\/+$/, '');
    endpoint = `${u.protocol}//${u.host}${u.pathname}${u.search}`;
    urlText = endpoint;
  }

  // ---------- vendor ----------
  const hinfo: HostInfo | null = host ? hostInfo(host) : null;
  const vendor = hinfo?.vendor ?? null;

  // ---------- body ----------
  let body = (bodyObject(call) ? valueToJson(bodyObject(call)!) : {}) as Record<string, unknown>;
  if (call.body?.type === 'text' && call.body.text.parts.length) {
    warnings.push({ code: 'body_not_json', message: 'The request body is not JSON; model and parameters could not be read from it.' });
  }

  // ---------- protocol mapping ----------
  let wire: Draft['wire'] = 'openai';
  const translated: Record<string, unknown> = {};
  const translatedFrom = new Set<string>();
  let modeOverride: Draft['thinking_mode'] | null = null;
  const mapping = protocolMapping(protocol);
  if (protocol === 'models-list')
    return failWith('no_model', 'The example only lists the vendor\'s models; it names no model to register. Pick one and pass it with --upstream-model.');
  if (protocol === 'embeddings') return failWith('unsupported_protocol', 'The example calls an embeddings endpoint; byok registers chat models only.');
  if (protocol === 'anthropic-messages') wire = 'anthropic';
  if (mapping) {
    wire = mapping.wire;
    if (mapping.base === 'host_openai_base') {
      if (!hinfo?.openai_base_url)
        return failWith('unsupported_protocol', `The sample uses ${mapping.label} at a host with no known OpenAI-compatible endpoint; byok registers OpenAI chat-completions or Anthropic Messages models only.`);
      base_url = hinfo.openai_base_url;
    } else if (mapping.base === 'append') base_url = (base_url ?? '') + (mapping.append ?? '');
    const flatBody = flatten(body);
    const renamed: string[] = [];
    for (const t of mapping.translate ?? []) {
      if (!(t.from in flatBody)) continue;
      const v = flatBody[t.from];
      const rule = t.values?.find((r) => r.equals === v);
      if (rule?.mode) modeOverride = rule.mode;
      const to = rule ? rule.to : v;
      if (to !== null && to !== undefined) translated[t.to] = to;
      translatedFrom.add(t.from);
      renamed.push(to === null || to === undefined ? `${t.from} needs no field there` : `${t.from} becomes ${t.to}`);
    }
    const target = mapping.base === 'same' ? 'Chat Completions at the same base URL' : `the vendor's OpenAI-compatible endpoint ${base_url}`;
    warnings.push({ code: 'mapped_protocol', message: `The sample uses ${mapping.label}; the draft uses ${target}${renamed.length ? ` (${renamed.join('; ')})` : ''}.` });
  }

  // ---------- model ----------
  let upstream_model: string | null = null;
  const modelVal = bodyObject(call) ? objectGet(bodyObject(call), 'model') : undefined;
  if (modelFromPath) upstream_model = modelFromPath;
  else if (modelVal?.kind === 'string') {
    const w = modelVal.word;
    const t = expandWord(w);
    const fallback = w.parts.length === 1 && w.parts[0].kind === 'env' && !w.parts[0].assigned ? w.parts[0].fallback : undefined;
    if (w.parts.every((p) => p.kind === 'lit' || (p.kind === 'env' && p.assigned))) upstream_model = t;
    else if (fallback) {
      // os.getenv("MODEL", "deepseek-chat"): the code runs with the default when the variable is unset.
      upstream_model = fallback;
      warnings.push({ code: 'model_default', message: `The model comes from ${(w.parts[0] as EnvPart).name}; the default the code falls back to was used.` });
    } else {
      const names = envNames(w);
      warnings.push({ code: 'model_from_variable', message: `The model comes from ${names.length ? 'the variable ' + names[0] : 'code the example does not show'}; set upstream_model by hand.` });
    }
  } else if (modelVal) {
    warnings.push({ code: 'model_from_variable', message: 'The model is computed by code the example does not show; set upstream_model by hand.' });
  } else {
    warnings.push({ code: 'model_missing', message: 'The example names no model; pass one with --upstream-model when you add it.' });
  }
  if (upstream_model && /^\$\{?[A-Za-z_]\w*\}?$/.test(upstream_model)) {
    warnings.push({ code: 'model_from_variable', message: `The model is the variable ${upstream_model.replace(/[${}]/g, '')}, whose value the example does not show; set upstream_model by hand.` });
    upstream_model = null;
  } else if (upstream_model && /^(<.*>|\{.*\}|YOUR[-_].*|\.\.\.)$/i.test(upstream_model)) {
    warnings.push({ code: 'model_placeholder', message: `The model ${JSON.stringify(upstream_model)} is a placeholder; set the real model id.` });
  }

  // ---------- auth ----------
  const local = host ? isLocalHost(host) : false;
  const authFound = findAuth(call, queryAuth);
  let auth: Auth;
  let keyEnv: string | null = null;
  if (authFound) {
    auth = authFound.auth;
    keyEnv = authFound.keyEnv;
    // os.environ["gsk_..."]: a key pasted where the variable's name belongs.
    if (keyEnv && classifyCredential(keyEnv).kind === 'secret' && !/^[A-Z][A-Z0-9_]*$/.test(keyEnv)) {
      secrets.add(keyEnv);
      warnings.push({ code: 'secret_redacted', message: `A literal API key stands where the ${authFound.where} names its variable; it was not copied anywhere. Revoke it.` });
      keyEnv = null;
    }
    const kw = authFound.keyWord;
    if (kw) {
      for (const v of assignedLiterals(kw)) classifyAndRecord(v, authFound.where, true);
      const literal = kw.parts.filter((p) => p.kind === 'lit').map((p) => (p as { text: string }).text).join('');
      const hasRef = kw.parts.some((p) => p.kind !== 'lit');
      if (!hasRef) {
        const cls = classifyAndRecord(literal, authFound.where, false);
        if (cls === 'dummy' || cls === 'empty') {
          if (local) auth = { in: 'none' };
        }
      } else if (literal.trim().length >= 16) {
        classifyAndRecord(literal, authFound.where, false);
      }
      if (!keyEnv && kw.parts.some((p) => p.kind === 'unknown'))
        warnings.push({ code: 'key_from_code', message: `The key in the ${authFound.where} comes from code the example does not show; its variable is unknown.` });
    } else if (queryAuth) {
      classifyAndRecord(queryAuth.value, `?${queryAuth.name}= query parameter`, false);
    }
  } else if (local) {
    auth = { in: 'none' };
  } else {
    auth = { in: 'header', name: wire === 'anthropic' ? 'x-api-key' : 'Authorization', scheme: wire === 'anthropic' ? null : 'Bearer' };
    warnings.push({ code: 'auth_missing', message: `The example sends no API key; the draft assumes the ${wire === 'anthropic' ? 'x-api-key header' : 'Authorization: Bearer header'}.` });
  }
  if (mapping?.auth && auth.in !== 'none') auth = { in: 'header', ...mapping.auth };

  function classifyAndRecord(raw: string, where: string, assigned: boolean): string {
    const c = classifyCredential(raw);
    if (c.kind === 'secret') {
      secrets.add(raw.trim());
      secrets.add(raw.trim().replace(/^(Bearer|Basic|Token)\s+/i, ''));
      const line = found.find((f) => raw.includes(f.value))?.line;
      if (line) reportedLines.add(line);
      warnings.push({
        code: 'secret_redacted',
        message: `A literal API key ${assigned ? 'assigned in the example and used' : 'was found'} in the ${where}; it was not copied anywhere. Revoke it, and store a new key through the secure input.`,
        ...(line ? { line } : {}),
      });
      if (c.vendor && vendor && c.vendor !== vendor && !(c.vendor === 'azure-openai'))
        warnings.push({ code: 'key_host_mismatch', message: `The key looks like a ${c.vendor} key but the endpoint belongs to ${vendor}.` });
    } else if (c.kind === 'placeholder' && !assigned) {
      if (c.likely_env)
        warnings.push({ code: 'placeholder_key', message: `The key is a placeholder, not a reference; the sample probably means the variable ${c.likely_env}.` });
    }
    return c.kind;
  }

  for (const f of found) {
    if (reportedLines.has(f.line)) continue;
    reportedLines.add(f.line);
    warnings.push({ code: 'secret_redacted', message: `A key-shaped token (${f.shape}) on line ${f.line} was not copied anywhere; if it is a real key, revoke it.`, line: f.line });
  }

  // ---------- headers ----------
  const headers: Record<string, string> = {};
  for (const h of call.headers) {
    const n = h.name.toLowerCase();
    if (AUTH_HEADERS.has(n) || CLIENT_HEADERS.has(n)) continue;
    const v = expandWord(h.value);
    const cls = classifyCredential(v);
    if (/token|key|secret|auth/i.test(n) && cls.kind === 'secret') {
      secrets.add(v);
      warnings.push({ code: 'secret_redacted', message: `The ${h.name} header holds a literal secret; it was not copied. Revoke it if it is real.` });
      continue;
    }
    headers[h.name] = v;
  }

  // ---------- thinking ----------
  const thinkingBody: Record<string, unknown> = { ...body };
  for (const [k, v] of Object.entries(translated)) setPath(thinkingBody, k, v);
  const th = analyseThinking(thinkingBody, { host, hostRule: hinfo?.thinking, model: upstream_model, wire });
  warnings.push(...th.warnings);
  const thinkingParams: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(th.params)) {
    // Source paths that were translated are reported by their translation only.
    if (translatedFrom.has(k)) continue;
    thinkingParams[k] = v;
  }
  if (/\/no_think\b|\/think\b/.test(JSON.stringify(body.messages ?? '')))
    warnings.push({ code: 'prompt_thinking_switch', message: 'A /think or /no_think switch sits in the messages: it is content, not a request field, and is not part of the draft.' });

  // ---------- request params ----------
  const request_params: Record<string, unknown> = {};
  const flatTh = new Set(Object.keys(th.params));
  for (const [k, v] of Object.entries(body)) {
    if (k === 'model' || PER_CALL.has(k) || isStandardField(protocol, k)) continue;
    if (mapping && mapping.base !== 'same') continue; // a native body's fields mean nothing on the target
    const kept = stripThinking(k, v, flatTh, th.capability);
    if (kept !== undefined) request_params[k] = kept;
  }

  // ---------- the rest ----------
  const stream = body.stream === true;
  const capabilities: Record<string, boolean> = {};
  if (stream) capabilities.streaming = true;
  if (Array.isArray(body.tools) && body.tools.length) capabilities.tools = true;
  const mt = [body.max_tokens, body.max_completion_tokens, body.max_output_tokens].find((x) => typeof x === 'number') as number | undefined;
  const api_key_env = auth.in === 'none' || !base_url ? null : `CUSTOM_KEY_${new URL(base_url).host.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
  if (auth.in === 'none') keyEnv = null;

  const draft: Draft = {
    upstream_model,
    base_url,
    wire,
    name: upstream_model,
    api_key_env,
    auth,
    headers,
    query,
    thinking_capability: th.capability,
    thinking_mode: modeOverride ?? th.mode,
    thinking_params: thinkingParams,
    request_params,
    capabilities,
    max_tokens: mt ?? null,
  };
  const curated = vendor && isCuratedVendor(vendor) ? vendor : null;
  const endpointShown = endpoint ? redactQueryKey(endpoint, queryAuth?.name) : null;
  const noteParts = [
    upstream_model ? `Draft for ${upstream_model}` : 'Draft with no model yet',
    base_url ? `at ${base_url} (${wire} wire).` : '(base_url still to fill in).',
    api_key_env ? `The key goes in ${api_key_env} through the secure input, never in chat.` : auth.in === 'none' ? 'The endpoint takes no key.' : '',
    'Register it with `byok add --from-draft -`.',
  ];
  if (curated) noteParts.push(`A curated template exists: \`byok add-template ${curated}\`.`);
  return finish({
    ok: true as const,
    draft,
    detected: {
      language: ctx.language,
      client: call.client,
      method: call.method,
      endpoint: endpointShown,
      key_env: keyEnv,
      vendor,
      protocol,
    },
    warnings: dedupe(warnings),
    suggestion: curated ? { action: 'add_template', vendor: curated } : null,
    note: noteParts.filter(Boolean).join(' '),
  });
}

function findAuth(call: HttpCall, queryAuth: { name: string; value: string } | null): AuthFinding | null {
  for (const h of call.headers) {
    const n = h.name.toLowerCase();
    if (!AUTH_HEADERS.has(n)) continue;
    let word = h.value;
    let scheme: 'Bearer' | 'Basic' | null = null;
    const first = word.parts[0];
    if (n === 'authorization' && first?.kind === 'lit') {
      const m = /^\s*(Bearer|Basic|Token)\s*/i.exec(first.text);
      if (m) {
        scheme = m[1].toLowerCase() === 'basic' ? 'Basic' : 'Bearer';
        word = { parts: mergeLits([lit(first.text.slice(m[0].length)), ...word.parts.slice(1)]) };
      }
    }
    // An SDK call's auth header is the client's doing: name what the user wrote, the key argument.
    const where = call.client_info ? "client's key argument" : `${h.name} header`;
    return { auth: { in: 'header', name: AUTH_HEADERS.get(n)!.name, scheme }, keyEnv: pickKeyEnv(word), keyWord: word, where };
  }
  if (call.basic_auth) {
    return { auth: { in: 'header', name: 'Authorization', scheme: 'Basic' }, keyEnv: pickKeyEnv(call.basic_auth), keyWord: call.basic_auth, where: '-u credentials' };
  }
  if (queryAuth) {
    const m = /^\$\{([A-Za-z_]\w*)\}$/.exec(queryAuth.value);
    return { auth: { in: 'query', name: queryAuth.name }, keyEnv: m ? m[1] : null, where: `?${queryAuth.name}= query parameter`, keyWord: m ? { parts: [{ kind: 'env', name: m[1] }] } : undefined };
  }
  return null;
}

function pickKeyEnv(w: Word): string | null {
  const envs = w.parts.filter((p): p is EnvPart => p.kind === 'env');
  if (!envs.length) return null;
  let e: EnvPart = envs.find((x) => /KEY|TOKEN|SECRET|AUTH/i.test(x.name)) ?? envs[0];
  // `set KEY=%GROQ_API_KEY%` / `KEY=$OPENAI_API_KEY`: an alias of another variable; the key comes from that one.
  // Not to a placeholder, though: `export ANTHROPIC_API_KEY=${YOUR_API_KEY}` means "put your key in ANTHROPIC_API_KEY".
  for (let hops = 0; hops < 8 && e.assigned?.length === 1 && e.assigned[0].kind === 'env' && !/^(YOUR|MY)_|_HERE$/i.test(e.assigned[0].name); hops++)
    e = e.assigned[0];
  return e.name;
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

function redactQueryKey(url: string, name: string | undefined): string {
  if (!name) return url;
  try {
    const u = new URL(url);
    if (u.searchParams.has(name)) u.searchParams.set(name, '${KEY}');
    return u.toString().replace(/%24%7BKEY%7D/g, '${KEY}');
  } catch {
    return url;
  }
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function dedupe(ws: Warning[]): Warning[] {
  const seen = new Set<string>();
  return ws.filter((w) => {
    const k = w.code + '|' + w.message;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export { renderWord, matchShape };
