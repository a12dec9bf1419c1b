// `byok probe ID` / probe(id): the smallest live call that proves a registered
// entry works (base_url, wire, auth, model and its stored thinking params), and
// a diagnosis when it does not.
//
// What is sent: one chat call on the entry's wire (`/chat/completions` for
// openai, `/v1/messages` for anthropic) with a one-word prompt and a one-token
// budget (`max_tokens: 1`; with an Anthropic thinking budget, the 1024 minimum
// and max_tokens 1025), the entry's headers, query, request_params and
// thinking_params, minus param_policy.drop_params. When that call reaches the
// model and the entry's thinking rule (grammar/thinking.yaml) has an `off`
// control, a second call sends thinking off, so an entry that only answers with
// thinking off can be told apart. A 404 is retried on candidate base URLs
// (missing or doubled /v1, a pasted endpoint path) to name the one that works;
// a 400 asking for max_completion_tokens is retried with it.
//
// Guarantees: at most five calls, each through ./http.ts (timeout, size cap,
// no cross-host redirect); the key goes only to the entry's own host (a key
// variable named for another host or vendor is refused before any call); the
// result holds nothing of a response beyond a short excerpt scrubbed of the
// key, header secrets and any key-shaped token; never throws on user input.
import { fail, type Auth } from '../result.js';
import thinkingData from '../generated/thinking.js';
import { KeyLookup, resolveWorkspace } from '../registry/env.js';
import { entryKeyPrompt } from '../registry/entry.js';
import { get, type Options } from '../registry/index.js';
import { commandsFor, type Commands } from '../registry/commands.js';
import { rememberSecret, scrubResult } from '../secrets/index.js';
import { hostOf } from './load.js';
import { expandHeaders, keyMisdirected } from './discovery.js';
import { errorMessageOf, httpCall, parseJson, foreignText } from './http.js';

export type { ProbeResult } from './results.js';
import type { ProbeResult } from './results.js';
export type Diagnosis =
  | 'ok'
  | 'auth'
  | 'not_found'
  | 'model_not_found'
  | 'bad_param'
  | 'rate_limited'
  | 'payment_required'
  | 'server_error'
  | 'timeout'
  | 'tls'
  | 'unreachable'
  | 'redirect'
  | 'bad_response'
  | 'empty_content'
  | 'key_not_set'
  | 'key_host_mismatch';

export interface ProbeOptions extends Options {
  /** Per call (default BYOK_PROBE_TIMEOUT_MS, else 30 s). */
  timeoutMs?: number;
}


interface ProbeEntry {
  model_id: string;
  id: string;
  name: string;
  vendor: string | null;
  upstream_model: string;
  base_url: string;
  wire: 'openai' | 'anthropic';
  api_key_env: string | null;
  auth: Auth;
  headers: Record<string, string>;
  query: Record<string, string>;
  thinking_capability: string;
  thinking_mode: string;
  thinking_params: Record<string, unknown>;
  request_params: Record<string, unknown>;
  param_policy?: { drop_params?: string[] };
}

interface Call {
  url: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

interface Outcome {
  url: string;
  status: number | null;
  latency_ms: number;
  diagnosis: Diagnosis;
  /** Scrubbed: the reply's text, or the error message. */
  excerpt: string;
  /** bad_param: the field named. */
  param?: string;
  /** empty_content: reasoning came back where the answer should be. */
  reasoning_seen?: boolean;
  retry_after?: string;
}

const ANTHROPIC_VERSION = '2023-06-01';
const ANTHROPIC_MIN_BUDGET = 1024;

function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur = obj;
  for (const p of parts.slice(0, -1)) {
    if (p === '__proto__' || p === 'constructor' || p === 'prototype') return;
    const next = cur[p];
    if (!next || typeof next !== 'object' || Array.isArray(next)) cur[p] = {};
    cur = cur[p] as Record<string, unknown>;
  }
  const last = parts[parts.length - 1];
  if (last !== '__proto__' && last !== 'constructor' && last !== 'prototype') cur[last] = value;
}

function deletePath(obj: Record<string, unknown>, path: string): void {
  const parts = path.split('.');
  let cur: unknown = obj;
  for (const p of parts.slice(0, -1)) {
    if (!cur || typeof cur !== 'object') return;
    cur = (cur as Record<string, unknown>)[p];
  }
  if (cur && typeof cur === 'object') delete (cur as Record<string, unknown>)[parts[parts.length - 1]];
}

/** The body paths an entry adds to every call (request_params keys and thinking_params paths). */
function entryPaths(e: ProbeEntry): string[] {
  return [...Object.keys(e.request_params ?? {}), ...Object.keys(e.thinking_params ?? {})];
}

/** Fields a request cannot do without: never suggested for param_policy. */
const ESSENTIAL = new Set(['model', 'messages']);
const droppable = (p: string) => !ESSENTIAL.has(p.split('.')[0]);

/** The path param_policy should drop for a rejected field: the entry's own param it sits in, else the field. */
function dropPathFor(e: ProbeEntry, param: string): string {
  return entryPaths(e).find((x) => x === param || param.startsWith(`${x}.`)) ?? param;
}

/** The thinking-off control of the entry's rule, or null when the rule has none (always on, none). */
function thinkingOff(e: ProbeEntry): { path: string; value: unknown } | null {
  if (e.thinking_mode === 'disabled') return null;
  const rule = thinkingData.rules.find((r) => r.id === e.thinking_capability);
  if (!rule || rule.always_on || !rule.off?.length) return null;
  // Prefer the off control on a field the entry already sends (one control per request).
  const sent = Object.keys(e.thinking_params ?? {});
  const off = rule.off.find((o) => sent.includes(o.path)) ?? rule.off[0];
  return { path: off.path, value: off.equals };
}

function buildCall(e: ProbeEntry, base: string, key: string | undefined, headers: Record<string, string>, thinking: Record<string, unknown>, tokenField: string): Call {
  const anthropic = e.wire === 'anthropic';
  const url = new URL(base.replace(/\/+$/, '') + (anthropic ? '/v1/messages' : '/chat/completions'));
  for (const [k, v] of Object.entries(e.query ?? {})) url.searchParams.set(k, v);
  const h: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json', ...headers };
  if (anthropic && !Object.keys(h).some((k) => k.toLowerCase() === 'anthropic-version')) h['anthropic-version'] = ANTHROPIC_VERSION;
  if (key && e.auth.in === 'header') h[e.auth.name] = e.auth.scheme ? `${e.auth.scheme} ${key}` : key;
  if (key && e.auth.in === 'query') url.searchParams.set(e.auth.name, key);
  const body: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(e.request_params ?? {})) setPath(body, k, structuredClone(v));
  for (const [k, v] of Object.entries(thinking)) setPath(body, k, v);
  body.model = e.upstream_model;
  body.messages = [{ role: 'user', content: 'Say OK.' }];
  body.stream = false;
  let budget = 1;
  const t = body.thinking as { budget_tokens?: unknown } | undefined;
  if (anthropic && t && typeof t === 'object' && typeof t.budget_tokens === 'number') {
    // Anthropic needs max_tokens > budget_tokens; the smallest legal budget proves the control works.
    t.budget_tokens = ANTHROPIC_MIN_BUDGET;
    budget = ANTHROPIC_MIN_BUDGET + 1;
  }
  body[tokenField] = budget;
  for (const p of e.param_policy?.drop_params ?? []) deletePath(body, p);
  return { url: url.toString(), headers: h, body };
}

/** The field a 400 names: the error's `param`, else the longest field we sent that the message mentions. */
function namedParam(body: unknown, message: string, sent: string[]): string | undefined {
  const err = body && typeof body === 'object' ? (body as { error?: unknown }).error : undefined;
  const p = err && typeof err === 'object' ? (err as { param?: unknown }).param : undefined;
  if (typeof p === 'string' && p && p.length < 100) return p;
  const candidates = [...new Set(sent)].sort((a, b) => b.length - a.length);
  for (const c of candidates) {
    const leaf = c.split('.').pop()!;
    for (const name of [c, leaf]) {
      const re = new RegExp(`(^|[^A-Za-z0-9_])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^A-Za-z0-9_])`);
      if (name.length >= 3 && re.test(message)) return c;
    }
  }
  return undefined;
}

function bodyPaths(o: Record<string, unknown>, prefix = ''): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(o)) {
    const p = prefix ? `${prefix}.${k}` : k;
    out.push(p);
    if (v && typeof v === 'object' && !Array.isArray(v)) out.push(...bodyPaths(v as Record<string, unknown>, p));
  }
  return out;
}

/** The visible answer and whether reasoning came back instead, per wire. */
function readReply(body: unknown, wire: string): { text: string; finish: string | null; reasoning: boolean } | null {
  if (!body || typeof body !== 'object') return null;
  if (wire === 'anthropic') {
    const content = (body as { content?: unknown }).content;
    if (!Array.isArray(content)) return null;
    const text = content.filter((b) => b?.type === 'text').map((b) => String(b.text ?? '')).join('');
    const reasoning = content.some((b) => b?.type === 'thinking' || b?.type === 'redacted_thinking');
    return { text, finish: (body as { stop_reason?: string }).stop_reason ?? null, reasoning };
  }
  const choice = (body as { choices?: unknown }).choices;
  if (!Array.isArray(choice) || !choice[0] || typeof choice[0] !== 'object') return null;
  const msg = (choice[0].message ?? choice[0].delta ?? {}) as Record<string, unknown>;
  const c = msg.content;
  const text = typeof c === 'string' ? c : Array.isArray(c) ? c.map((p) => (typeof p === 'string' ? p : String((p as { text?: unknown })?.text ?? ''))).join('') : '';
  const reasoning = ['reasoning_content', 'reasoning', 'reasoning_details', 'thinking'].some((k) => {
    const v = msg[k];
    return typeof v === 'string' ? v.length > 0 : Array.isArray(v) ? v.length > 0 : false;
  });
  const finish = typeof choice[0].finish_reason === 'string' ? choice[0].finish_reason : null;
  return { text, finish, reasoning };
}

const LENGTH_FINISH = new Set(['length', 'max_tokens']);

async function send(call: Call, e: ProbeEntry, secrets: string[], timeoutMs: number): Promise<Outcome & { raw?: unknown }> {
  const res = await httpCall({ method: 'POST', url: call.url, headers: call.headers, body: JSON.stringify(call.body), timeoutMs, maxBytes: 1024 * 1024, secrets });
  if (!res.ok) {
    const diagnosis: Diagnosis = res.kind === 'timeout' ? 'timeout' : res.kind === 'tls' ? 'tls' : res.kind === 'redirect' ? 'redirect' : res.kind === 'too_large' ? 'bad_response' : 'unreachable';
    return { url: res.url, status: null, latency_ms: res.latency_ms, diagnosis, excerpt: res.message };
  }
  const body = parseJson(res.text);
  const message = errorMessageOf(body) ?? res.text;
  const excerpt = foreignText(message, secrets, 160);
  const base = { url: res.url, status: res.status, latency_ms: res.latency_ms };
  const s = res.status;
  if (s >= 200 && s < 300) {
    const reply = readReply(body, e.wire);
    if (!reply) return { ...base, diagnosis: 'bad_response', excerpt: foreignText(res.text, secrets, 160), raw: body };
    if (!reply.text.trim() && reply.finish !== null && LENGTH_FINISH.has(reply.finish)) {
      return { ...base, diagnosis: 'empty_content', excerpt: '', reasoning_seen: reply.reasoning };
    }
    return { ...base, diagnosis: 'ok', excerpt: foreignText(reply.text, secrets, 160) };
  }
  if (s === 401 || s === 403) return { ...base, diagnosis: 'auth', excerpt };
  if (s === 404) return { ...base, diagnosis: 'not_found', excerpt, raw: body };
  if (s === 400 || s === 422) return { ...base, diagnosis: 'bad_param', excerpt, param: namedParam(body, message, bodyPaths(call.body)), raw: body };
  if (s === 429) return { ...base, diagnosis: 'rate_limited', excerpt, retry_after: res.headers.get('retry-after') ?? undefined };
  if (s === 402) return { ...base, diagnosis: 'payment_required', excerpt };
  if (s === 408 || s === 504) return { ...base, diagnosis: 'timeout', excerpt };
  return { ...base, diagnosis: s >= 500 ? 'server_error' : 'bad_response', excerpt };
}

/** Base URLs to try after a 404: the usual ways a base_url is off by a path segment. */
export function candidateBases(base: string, wire: string): string[] {
  const u = new URL(base);
  const path = u.pathname.replace(/\/+$/, '');
  const root = `${u.protocol}//${u.host}`;
  const out: string[] = [];
  const add = (p: string) => {
    const c = root + p.replace(/\/+$/, '');
    if (c !== root + path && !out.includes(c)) out.push(c);
  };
  const stripped = path.replace(/\/(chat\/completions|completions|messages|v1\/messages|models)$/, '');
  if (stripped !== path) add(stripped);
  const collapsed = path.replace(/(\/v\d+)(\1)+/g, '$1');
  if (collapsed !== path) add(collapsed);
  if (wire === 'anthropic') {
    if (/\/v1$/.test(stripped)) add(stripped.replace(/\/v1$/, ''));
  } else if (/\/v\d+$/.test(stripped)) {
    add(stripped.replace(/\/v\d+$/, ''));
  } else {
    add(`${stripped}/v1`);
  }
  return out.slice(0, 3);
}

function hintFor(o: Outcome, e: ProbeEntry, cmd: Commands, extra: { suggestedBase?: string; off?: { path: string; value: unknown } | null; offOutcome?: Outcome }): string {
  const keyName = e.api_key_env ?? '(no key variable)';
  switch (o.diagnosis) {
    case 'ok':
      return `${e.upstream_model} answered on the ${e.wire} wire at ${o.url}; base_url, auth, model and the stored params work.`;
    case 'auth':
      return `HTTP ${o.status}: the endpoint refused the key in ${keyName}. Check that ${keyName} holds a valid, active key for ${hostOf(e.base_url)} (and that the key has access to ${e.upstream_model}); byok never shows the key.`;
    case 'not_found':
      return extra.suggestedBase
        ? `HTTP 404 at ${o.url}; ${extra.suggestedBase} answers instead: register base_url ${extra.suggestedBase} (e.g. ${cmd('add', [], { 'base-url': extra.suggestedBase, 'upstream-model': e.upstream_model })}).`
        : `HTTP 404 at ${o.url}, and no nearby base URL (with or without /v1) answered either; check base_url against the vendor's docs.`;
    case 'model_not_found':
      return `HTTP 404 at ${o.url}: the endpoint exists but does not know the model ${e.upstream_model}; check the id with ${cmd('list-vendor-models', [], { 'model-id': e.id })}.`;
    case 'bad_param': {
      const p = o.param;
      if (!p) return `HTTP ${o.status}: the endpoint rejected the request without naming a field; compare request_params and thinking_params with the vendor's docs.`;
      if (!droppable(p)) return `HTTP ${o.status}: the endpoint rejects ${p}; check upstream_model and the wire (${e.wire}) against the vendor's docs.`;
      const drop = dropPathFor(e, p);
      const mine = entryPaths(e).includes(drop);
      return mine
        ? `HTTP ${o.status}: the endpoint rejects ${p}. Drop it with param_policy: { drop_params: [${drop}] } on ${e.id} in config/custom_models.yaml, or re-register without it.`
        : `HTTP ${o.status}: the endpoint rejects ${p}, a field byok's minimal request sends. Clients can drop it with param_policy: { drop_params: [${drop}] } on ${e.id} in config/custom_models.yaml.`;
    }
    case 'rate_limited':
      return `HTTP 429: rate limited or out of quota${o.retry_after ? ` (retry after ${foreignText(o.retry_after, [], 20)} s)` : ''}; the endpoint, key and model were accepted. Try again later.`;
    case 'payment_required':
      return `HTTP 402: the account behind ${keyName} has no credit for this call; the endpoint and key were recognised.`;
    case 'server_error':
      return `HTTP ${o.status}: the server failed; the request may be fine. Try again later.`;
    case 'timeout':
      return `No answer from ${o.url} in time; check that the host is up and reachable from here, or raise --timeout-ms.`;
    case 'tls':
      return `TLS failed at ${o.url}: the certificate is not trusted or the port does not speak https (use http:// only for a local server).`;
    case 'unreachable':
      return `${o.url} could not be reached (${o.excerpt}); check the host name and port in base_url.`;
    case 'redirect':
      return `${o.url} redirects elsewhere; byok does not follow a redirect with a key. Register the final URL as base_url.`;
    case 'bad_response':
      return `HTTP ${o.status ?? '-'} from ${o.url}, but not a ${e.wire === 'anthropic' ? 'Messages' : 'chat-completions'} reply; the endpoint may speak another wire than ${e.wire}.`;
    case 'empty_content': {
      const off = extra.off;
      const offOk = extra.offOutcome?.diagnosis === 'ok';
      const fix = off && offOk
        ? `With thinking off (${off.path}: ${JSON.stringify(off.value)}) it answers: register it with thinking_mode disabled and thinking_params { ${off.path}: ${JSON.stringify(off.value)} }, or give calls a larger max_tokens.`
        : 'Turn thinking off for this entry (thinking_mode disabled) or give calls a larger max_tokens.';
      return `The endpoint, key and model work, but the reply came back empty with finish_reason length${o.reasoning_seen ? ' and the tokens spent on reasoning' : ''}: the model reasons by default and hides it (the hidden-thinking trap). ${fix}`;
    }
    default:
      return '';
  }
}

/** The first sentence of a hint (a URL's dots do not end one), for `error`. */
function firstSentence(text: string): string {
  const m = /^(.*?[.:])\s+(?=[A-Z])/.exec(text);
  return m ? m[1].replace(/:$/, '.') : text;
}

export async function probe(id: string, opts: ProbeOptions = {}): Promise<ProbeResult> {
  opts = opts ?? {};
  const ws = resolveWorkspace(opts.workspace);
  const cmd = commandsFor(opts.invocation, ws, opts.workspace !== undefined);
  const got = await get(String(id ?? ''), { workspace: opts.workspace, invocation: opts.invocation });
  if (!got.ok) return got;
  const e = got as unknown as ProbeEntry;
  const keys = new KeyLookup(ws);
  const secrets: string[] = [];
  const host = hostOf(e.base_url);
  const head = { model_id: e.model_id, url: null as string | null, status: null as number | null, latency_ms: null as number | null };

  let key: string | undefined;
  if (e.auth.in !== 'none' && e.api_key_env) {
    const wrong = keyMisdirected(e.api_key_env, host);
    if (wrong) return { ...fail('probe_failed', `Nothing was sent: ${wrong}`), ...head, diagnosis: 'key_host_mismatch', hint: `Set api_key_env to the variable that holds the key for ${host}.` };
    key = keys.value(e.api_key_env);
    if (!key) {
      return {
        ...fail('key_not_set', `Nothing was sent: ${e.api_key_env} is not set, so the probe has no key for ${host}.`),
        ...head,
        diagnosis: 'key_not_set',
        hint: `Put the key in ${e.api_key_env} (in .env or the environment) through your secure-input tool, then run ${cmd('probe', [e.model_id])} again.`,
        ...(entryKeyPrompt(e as never, keys) ?? {}),
      };
    }
    secrets.push(key);
    rememberSecret(key);
  }
  const expanded = expandHeaders(e.headers ?? {}, keys, secrets);
  if ('missing' in expanded) {
    return { ...fail('key_not_set', `Nothing was sent: a header of ${e.model_id} reads \${${expanded.missing}}, which is not set.`), ...head, diagnosis: 'key_not_set', hint: `Set ${expanded.missing} in .env or the environment.` };
  }
  const timeoutMs = opts.timeoutMs ?? (Number(process.env.BYOK_PROBE_TIMEOUT_MS) || Number(process.env.BYOK_DISCOVERY_TIMEOUT_MS) || 30_000);
  const stored = e.thinking_params ?? {};
  let tokenField = 'max_tokens';
  let call = buildCall(e, e.base_url, key, expanded.headers, stored, tokenField);
  let main = await send(call, e, secrets, timeoutMs);
  // OpenAI reasoning models refuse max_tokens and ask for max_completion_tokens.
  if (main.diagnosis === 'bad_param' && e.wire === 'openai' && /max_completion_tokens/.test(main.excerpt)) {
    tokenField = 'max_completion_tokens';
    call = buildCall(e, e.base_url, key, expanded.headers, stored, tokenField);
    main = await send(call, e, secrets, timeoutMs);
  }
  const checks: Record<string, unknown>[] = [{ thinking: 'stored', url: main.url, status: main.status, diagnosis: main.diagnosis, latency_ms: main.latency_ms }];

  let suggestedBase: string | undefined;
  let suggestedUrl: string | undefined;
  if (main.diagnosis === 'not_found') {
    for (const cand of candidateBases(e.base_url, e.wire)) {
      const o = await send(buildCall(e, cand, key, expanded.headers, stored, tokenField), e, secrets, timeoutMs);
      checks.push({ base_url: cand, url: o.url, status: o.status, diagnosis: o.diagnosis });
      if (o.status !== null && o.status !== 404) {
        suggestedBase = cand;
        suggestedUrl = o.url;
        break;
      }
    }
    if (!suggestedBase && /model/i.test(main.excerpt)) main = { ...main, diagnosis: 'model_not_found' };
  }

  const off = thinkingOff(e);
  let offOutcome: Outcome | undefined;
  if (off && (main.diagnosis === 'ok' || main.diagnosis === 'empty_content')) {
    const offParams: Record<string, unknown> = { [off.path]: off.value };
    offOutcome = await send(buildCall(e, e.base_url, key, expanded.headers, offParams, tokenField), e, secrets, timeoutMs);
    checks.push({ thinking: 'off', sent: offParams, url: offOutcome.url, status: offOutcome.status, diagnosis: offOutcome.diagnosis, latency_ms: offOutcome.latency_ms });
  }

  const hint = hintFor(main, e, cmd, { suggestedBase, off, offOutcome });
  const verdict = main.diagnosis === 'ok' ? { ok: true as const, diagnosis: 'ok' as const } : { ok: false as const, error: firstSentence(hint), code: 'probe_failed' as const, diagnosis: main.diagnosis };
  const result: ProbeResult = {
    ...verdict,
    model_id: e.model_id,
    url: main.url,
    status: main.status,
    latency_ms: main.latency_ms,
    hint,
    excerpt: main.excerpt,
    ...(main.param ? { param: main.param } : {}),
    ...(main.diagnosis === 'bad_param' && main.param && droppable(main.param)
      ? { suggested_param_policy: { drop_params: [...new Set([...(e.param_policy?.drop_params ?? []), dropPathFor(e, main.param)])] } }
      : {}),
    ...(suggestedBase ? { suggested_base_url: suggestedBase, suggested_url: suggestedUrl } : {}),
    ...(main.diagnosis === 'empty_content' && off && offOutcome?.diagnosis === 'ok' ? { suggested_thinking: { thinking_mode: 'disabled', thinking_params: { [off.path]: off.value } } } : {}),
    checks,
  };
  for (const sct of secrets) rememberSecret(sct);
  return scrubResult(result);
}
