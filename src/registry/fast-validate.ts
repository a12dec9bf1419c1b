// Validating a registry without zod: the entry schema of ./schema.ts written
// out by hand for the files that pass it, so that reading a big registry after
// a hand edit neither loads zod nor pays for its generic walk.
// Guarantees:
// - fastValidate(file) answers what `RegistryFile.safeParse(file)` answers for
//   a file that passes, the same entries with the same defaults in the same key
//   order (schema fields first, unknown fields after, in the file's order);
//   test/registry-fast-validate.test.ts checks it against zod on generated and
//   mutated registries.
// - On anything that would not pass, or that it is not sure of, it answers
//   null: the caller then runs zod, whose first issue (with its line and
//   column) is the error the user sees. It never accepts a file zod refuses.
// - The field rules (entryProblems: keys, URLs, headers...) are the same
//   functions zod's refinement calls.
import { AUTH_SCHEMES } from '../codes.js';
import type { Entry } from './schema.js';
import { entryProblems } from './validate.js';

/** `custom/<slug>-<4 hex>`; the hex comes from base_url + upstream_model (./ids.ts). The schema (./schema.ts) uses this one. */
export const ENTRY_ID = /^custom\/[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?-[0-9a-f]{4}$/;

/** The fields of an entry, in the schema's order. */
const FIELDS = [
  'id', 'name', 'vendor', 'upstream_model', 'base_url', 'wire', 'api_key_env', 'auth', 'headers', 'query', 'thinking_capability', 'thinking_mode',
  'thinking_params', 'request_params', 'capabilities', 'max_tokens', 'param_policy', 'created_at', 'updated_at',
] as const;
const KNOWN = new Set<string>(FIELDS);
const SCHEMES = new Set<string>(AUTH_SCHEMES);

const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

function plainObject(v: unknown): v is Record<string, unknown> {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
  const p = Object.getPrototypeOf(v);
  return p === Object.prototype || p === null;
}

/**
 * A record whose values all pass `ok` (the object itself: zod's copy would be
 * equal, key order included, and the parsed file is not used elsewhere), or null.
 */
function record(v: unknown, ok: (x: unknown) => boolean): Record<string, unknown> | null {
  if (!plainObject(v)) return null;
  for (const k in v) if (!ok(v[k])) return null;
  return v;
}

const isString = (x: unknown): x is string => typeof x === 'string';
const any = () => true;

function auth(v: unknown): Entry['auth'] | null {
  if (!plainObject(v)) return null;
  if (v.in === 'header') {
    if (!isString(v.name) || !has(v, 'scheme') || !(v.scheme === null || (isString(v.scheme) && SCHEMES.has(v.scheme)))) return null;
    return { in: 'header', name: v.name, scheme: v.scheme as (typeof AUTH_SCHEMES)[number] | null };
  }
  if (v.in === 'query') return isString(v.name) ? { in: 'query', name: v.name } : null;
  if (v.in === 'none') return { in: 'none' };
  return null;
}

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** Whether a value holds a `__proto__`/`constructor`/`prototype` key anywhere (./validate.ts forbiddenKeyPath, without building paths), or nests past 64. */
function forbiddenKey(v: unknown, depth: number): boolean {
  if (!v || typeof v !== 'object') return false;
  if (depth > 64) return true;
  if (Array.isArray(v)) {
    for (const x of v) if (forbiddenKey(x, depth + 1)) return true;
    return false;
  }
  for (const k of Object.keys(v)) if (FORBIDDEN.has(k) || forbiddenKey((v as Record<string, unknown>)[k], depth + 1)) return true;
  return false;
}

/** A record field of an entry: absent is `{}`; null when zod would refuse it. */
function recordField(raw: Record<string, unknown>, k: string, ok: (x: unknown) => boolean): Record<string, unknown> | null {
  return has(raw, k) ? record(raw[k], ok) : {};
}
const isBoolean = (x: unknown) => typeof x === 'boolean';

/**
 * One entry as zod's Entry schema outputs it, or null when zod would refuse it
 * or the fast path is not sure. Written for a cold start: one object literal
 * in the schema's order, no iterators or destructuring (a big registry is read
 * once per command, mostly before the JIT has optimised anything).
 */
export function fastEntry(raw: unknown): Entry | null {
  if (!plainObject(raw)) return null;
  const { id, name, upstream_model, base_url, wire, api_key_env } = raw;
  if (!isString(id) || !ENTRY_ID.test(id) || !isString(name) || !isString(upstream_model) || !isString(base_url)) return null;
  const vendor = has(raw, 'vendor') ? raw.vendor : null;
  if (vendor !== null && !isString(vendor)) return null;
  if (wire !== 'openai' && wire !== 'anthropic') return null;
  if (!has(raw, 'api_key_env') || !(api_key_env === null || isString(api_key_env))) return null;
  const a = auth(raw.auth);
  if (!a) return null;
  const headers = recordField(raw, 'headers', isString);
  const query = recordField(raw, 'query', isString);
  if (!headers || !query) return null;
  const capability = has(raw, 'thinking_capability') ? raw.thinking_capability : 'none';
  if (!isString(capability)) return null;
  const mode = has(raw, 'thinking_mode') ? raw.thinking_mode : 'auto';
  if (mode !== 'enabled' && mode !== 'disabled' && mode !== 'auto') return null;
  const thinkingParams = recordField(raw, 'thinking_params', any);
  const requestParams = recordField(raw, 'request_params', any);
  const capabilities = recordField(raw, 'capabilities', isBoolean);
  if (!thinkingParams || !requestParams || !capabilities) return null;
  const mt = has(raw, 'max_tokens') ? raw.max_tokens : null;
  if (mt !== null && !(typeof mt === 'number' && Number.isSafeInteger(mt) && mt > 0)) return null;
  let policy: Record<string, unknown> = { drop_params: [] };
  if (has(raw, 'param_policy')) {
    const p = raw.param_policy;
    if (!plainObject(p)) return null;
    const drop = has(p, 'drop_params') ? p.drop_params : [];
    if (!Array.isArray(drop) || !drop.every(isString)) return null;
    policy = { drop_params: [...drop] };
    for (const k of Object.keys(p)) if (k !== 'drop_params') policy[k] = p[k];
  }
  const o: Record<string, unknown> = {
    id,
    name,
    vendor,
    upstream_model,
    base_url,
    wire,
    api_key_env,
    auth: a,
    headers,
    query,
    thinking_capability: capability,
    thinking_mode: mode,
    thinking_params: thinkingParams,
    request_params: requestParams,
    capabilities,
    max_tokens: mt,
    param_policy: policy,
  };
  if (has(raw, 'created_at')) {
    if (!isString(raw.created_at)) return null;
    o.created_at = raw.created_at;
  }
  if (has(raw, 'updated_at')) {
    if (!isString(raw.updated_at)) return null;
    o.updated_at = raw.updated_at;
  }
  for (const k of Object.keys(raw)) if (!KNOWN.has(k)) o[k] = raw[k];
  if (entryProblems(o).length) return null;
  return o as Entry;
}

/**
 * One item of a parsed `models` list, validated as fastValidate validates each
 * (forbidden keys at the depth of an item in the file included), or null.
 */
export function fastItem(raw: unknown): Entry | null {
  return forbiddenKey(raw, 2) ? null : fastEntry(raw);
}

/**
 * The entries of a parsed registry file (yaml's plain JS value), validated as
 * `RegistryFile` would, or null when zod must have the word.
 */
export function fastValidate(file: unknown): Entry[] | null {
  if (!plainObject(file)) return null;
  if (has(file, 'version') && file.version !== 1) return null;
  // `models:` with nothing under it is an empty registry (./store.ts says the same).
  const models = has(file, 'models') && file.models !== null ? file.models : [];
  if (!Array.isArray(models) || forbiddenKey(file, 0)) return null;
  const out: Entry[] = [];
  const ids = new Set<string>();
  for (const m of models) {
    const e = fastEntry(m);
    if (!e || ids.has(e.id)) return null;
    ids.add(e.id);
    out.push(e);
  }
  return out;
}
