// From what the caller gives (flags, a parse-example draft, a curated
// template) to a complete registry entry: defaults, repairs, refusals and the
// warnings. Pure (no file access except the key lookup) and without zod, so
// registering from flags loads no schema library (./register.ts).
import { fail as failRaw, type ErrorCode, type Failure } from '../failure.js';
import type { Auth } from '../result.js';
import type { Warning } from '../codes.js';
import { curatedModel, hostOf, isThinkingRule, vendorById, vendors, vendorServesHost, vendorsForHost } from '../vendors/load.js';
import type { KeyLookup } from './env.js';
import { keyEnvForHost, normalizeBaseUrl } from './ids.js';
import { findKeyShaped, redactKeys, repeatsSecret } from '../secrets/index.js';
import endpointsData from '../generated/endpoints.js';
import thinkingData from '../generated/thinking.js';
import { entryProblems, MAX_NAME, placeholderIn, safeUrl } from './validate.js';

/** Every failure here may quote user input: key-shaped tokens in it are redacted. */
const fail = (code: ErrorCode, error: string): Failure => failRaw(code, redactKeys(error));

/** The fields of an entry a registration starts from (./entry.ts AddFields is their zod schema). */
export interface Fields {
  upstream_model?: string | null;
  base_url?: string | null;
  wire?: 'openai' | 'anthropic';
  name?: string | null;
  api_key_env?: string | null;
  auth?: Auth;
  headers?: Record<string, string>;
  query?: Record<string, string>;
  thinking_capability?: string;
  thinking_mode?: 'enabled' | 'disabled' | 'auto';
  thinking_params?: Record<string, unknown>;
  request_params?: Record<string, unknown>;
  capabilities?: Record<string, boolean>;
  max_tokens?: number | null;
  vendor?: string | null;
  param_policy?: { drop_params?: string[] };
}

function defaultAuth(wire: 'openai' | 'anthropic'): Auth {
  return wire === 'anthropic' ? { in: 'header', name: 'x-api-key', scheme: null } : { in: 'header', name: 'Authorization', scheme: 'Bearer' };
}

/** The model id as a display name, shortened (with an ellipsis) past MAX_NAME characters. */
export function defaultName(model: string): string {
  return model.length > MAX_NAME ? model.slice(0, MAX_NAME - 1) + '\u2026' : model;
}

/** Fills defaults; the result is validated by the caller. */
export function completeEntry(f: Fields): Record<string, unknown> {
  const wire = f.wire ?? 'openai';
  const auth = f.auth ?? defaultAuth(wire);
  let base = f.base_url ?? '';
  try {
    if (base && !/[?#@]/.test(base)) base = normalizeBaseUrl(base);
  } catch {
    /* reported by validation */
  }
  const host = hostOf(base);
  const keyEnv = auth.in === 'none' ? null : f.api_key_env || (host ? keyEnvForHost(host) : null);
  const model = f.upstream_model ?? '';
  return {
    name: f.name?.trim() || defaultName(model),
    vendor: f.vendor ?? null,
    upstream_model: model,
    base_url: base,
    wire,
    api_key_env: keyEnv,
    auth,
    headers: f.headers ?? {},
    query: f.query ?? {},
    thinking_capability: f.thinking_capability ?? 'none',
    thinking_mode: f.thinking_mode ?? 'auto',
    thinking_params: f.thinking_params ?? {},
    request_params: f.request_params ?? {},
    capabilities: f.capabilities ?? {},
    max_tokens: f.max_tokens ?? null,
    param_policy: { drop_params: f.param_policy?.drop_params ?? [] },
  };
}

// ---------- repairs and refusals at registration ----------

/** Endpoint paths that are not part of an API root (grammar/endpoints.yaml), for the chat wires only. */
const CHAT_PROTOCOLS = new Set(['openai-chat', 'openai-completions', 'openai-responses', 'anthropic-messages']);
const ENDPOINT_PATHS = endpointsData.endpoints.filter((e) => CHAT_PROTOCOLS.has(e.protocol)).map((e) => new RegExp(`^${e.path}/?$`));

/**
 * Repairs a base_url that cannot work as an API root, saying what changed:
 * the endpoint included (`.../v1/chat/completions`, `.../v1/messages`: the
 * client appends it), and `/v1` at the end of an anthropic-wire root (the
 * Anthropic SDK appends /v1/messages, so the call would go to /v1/v1/messages).
 * Source: https://docs.anthropic.com/en/api/client-sdks (base_url is the host root).
 */
export function repairBaseUrl(candidate: Record<string, unknown>): Warning[] {
  const raw = candidate.base_url;
  if (typeof raw !== 'string' || /[?#@\s]/.test(raw)) return [];
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return [];
  }
  const out: Warning[] = [];
  let path = u.pathname.replace(/\/+$/, '');
  for (const re of ENDPOINT_PATHS) {
    const m = re.exec(path);
    if (!m) continue;
    const base = (m.groups?.base ?? '').replace(/\/+$/, '');
    out.push({
      code: 'base_url_repaired',
      message: `base_url ${safeUrl(raw)} included the endpoint ${path.slice(base.length)}, which the client appends itself; byok stored the API root ${u.origin}${base}.`,
    });
    path = base;
    break;
  }
  if (candidate.wire === 'anthropic' && /\/v1$/.test(path)) {
    const base = path.slice(0, -3);
    out.push({
      code: 'base_url_repaired',
      message: `base_url ${u.origin}${path} ends in /v1, but the Anthropic SDK appends /v1/messages itself (the call would go to /v1/v1/messages); byok stored ${u.origin}${base}.`,
    });
    path = base;
  }
  if (out.length) candidate.base_url = `${u.origin}${path}`;
  return out;
}

type ThinkingPattern = { path: string; equals?: unknown };
const sameValue = (a: unknown, b: unknown) => (typeof a === 'string' && typeof b === 'string' ? a.toLowerCase() === b.toLowerCase() : a === b);
const matches = (p: ThinkingPattern, flat: Record<string, unknown>) => p.path in flat && (p.equals === undefined || sameValue(flat[p.path], p.equals));

/** The first thinking param that turns thinking on under the entry's rule (any rule when it names none), or null. */
export function thinkingOnParam(capability: string, params: Record<string, unknown>): string | null {
  const flat = flatten(params);
  const own = thinkingData.rules.filter((r) => r.id === capability && (r.on ?? []).length);
  const rules = own.length ? own : thinkingData.rules;
  for (const r of rules) {
    const off = [...(r.off ?? []), ...(thinkingData.generic_off ?? [])] as ThinkingPattern[];
    if (off.some((p) => matches(p, flat))) continue;
    const on = ((r.on ?? []) as ThinkingPattern[]).find((p) => matches(p, flat));
    if (on) return `${on.path}: ${JSON.stringify(flat[on.path])}`;
  }
  return null;
}

/** Dotted paths of a params object's leaves (thinking_params may be stored nested or dotted). */
function flatten(obj: unknown, prefix = '', out: Record<string, unknown> = {}, depth = 0): Record<string, unknown> {
  if (depth <= 32 && obj && typeof obj === 'object' && !Array.isArray(obj)) {
    for (const [k, v] of Object.entries(obj as Record<string, unknown>)) flatten(v, prefix ? `${prefix}.${k}` : k, out, depth + 1);
  } else if (prefix) out[prefix] = obj;
  return out;
}

/**
 * Entries that could never work as given, refused with the field and the fix:
 * placeholders copied from docs in headers, query or model, and thinking
 * switched off while its params switch it on.
 */
export function refusal(c: Record<string, unknown>): Failure | null {
  const model = String(c.upstream_model ?? '');
  const pm = placeholderIn(model) ?? (/^your[-_]/i.test(model) ? model : null);
  if (pm) return fail('invalid_entry', `upstream_model ${JSON.stringify(model.slice(0, 80))} is a placeholder from the docs; pass the real model id with --upstream-model.`);
  for (const [field, flag] of [['headers', '--header "NAME: value"'], ['query', `--query '{"NAME": "value"}'`]] as const) {
    for (const [k, v] of Object.entries((c[field] as Record<string, unknown>) ?? {})) {
      const p = typeof v === 'string' ? placeholderIn(v) : null;
      if (p) return fail('invalid_entry', `${field}.${k} holds the placeholder ${JSON.stringify(p.slice(0, 60))} from the docs; put your real value in it (${flag.replace('NAME', k)}) or leave it out.`);
    }
  }
  if (c.thinking_mode === 'disabled') {
    const on = thinkingOnParam(String(c.thinking_capability ?? 'none'), (c.thinking_params as Record<string, unknown>) ?? {});
    if (on) {
      return fail('invalid_entry', `thinking_mode is disabled, but thinking_params has ${on}, which turns thinking on; drop it from --thinking-params, or pass --thinking-mode enabled.`);
    }
  }
  return null;
}

/**
 * The first problem with a candidate entry under byok's own rules, as one
 * failure sentence, or null; the schema's shape check comes after it
 * (./entry.ts checkCandidate with zod, ./fast-validate.ts without).
 */
export function checkRules(candidate: Record<string, unknown>): Failure | null {
  if (!candidate.base_url) return fail('invalid_entry', 'base_url is missing: the example had no URL; pass --base-url (the API root, e.g. https://api.example.com/v1).');
  if (!candidate.upstream_model) return fail('invalid_entry', 'upstream_model is missing: pass --upstream-model with the model id the endpoint expects.');
  const r0 = refusal(candidate);
  if (r0) return r0;
  const p = entryProblems(candidate, repeatsSecret)[0];
  if (p) return fail('invalid_entry', p.message);
  return null;
}

/** Warnings about where the key goes and what the model is; never mentions a key's value. */
export function entryWarnings(e: Record<string, unknown>, keys: KeyLookup): Warning[] {
  const out: Warning[] = [];
  const host = hostOf(String(e.base_url));
  const model = String(e.upstream_model);
  const keyEnv = e.api_key_env as string | null;

  for (const v of vendorsForHost(host)) {
    if (v.model_policy === 'tee' && !curatedModel(v, model)) {
      out.push({
        code: 'near_non_tee_model',
        message: `${model} is not one of ${v.label}'s TEE-protected open-weight models (${v.models.map((m) => m.id).join(', ')}); it may be a proxied third-party model without private inference.`,
      });
    }
  }
  const tv = typeof e.vendor === 'string' ? vendorById(e.vendor) : undefined;
  if (tv && tv.model_policy !== 'tee' && !curatedModel(tv, model)) {
    out.push({ code: 'model_not_curated', message: `${model} is not in ${tv.label}'s curated list; check the id with \`byok list-vendor-models ${tv.vendor}\`.` });
  }

  if (keyEnv) {
    // The key variable is named after another host (CUSTOM_KEY_<HOST>) or is another vendor's documented one.
    if (keyEnv.startsWith('CUSTOM_KEY_') && host && keyEnv !== keyEnvForHost(host)) {
      out.push({ code: 'key_host_mismatch', message: `api_key_env ${keyEnv} is named for another host than ${host}; the key registered for that host would be sent here.` });
    } else {
      for (const v of vendors().values()) {
        if (v.key_env === keyEnv && host && !vendorServesHost(v, host)) {
          out.push({ code: 'key_host_mismatch', message: `api_key_env ${keyEnv} is ${v.label}'s key variable, but base_url points at ${host}; that key would be sent to another vendor.` });
          break;
        }
      }
    }
    // The key itself (read in-process, never shown) has a vendor's shape that does not match the host.
    const value = keys.value(keyEnv);
    const hit = value ? findKeyShaped(value) : null;
    const owner = hit?.vendor === 'moonshot' ? 'kimi' : hit?.vendor;
    const ownerTpl = owner ? vendorById(owner) : undefined;
    if (ownerTpl && host && !vendorServesHost(ownerTpl, host)) {
      out.push({ code: 'key_host_mismatch', message: `The key in ${keyEnv} looks like a ${ownerTpl.label} key, but base_url points at ${host}; check that the right key is stored.` });
    }
  }

  const cap = String(e.thinking_capability ?? 'none');
  if (!isThinkingRule(cap)) out.push({ code: 'unknown_thinking_capability', message: `thinking_capability ${cap} is not a rule byok knows (grammar/thinking.yaml); thinking controls are stored as given.` });
  return out;
}


