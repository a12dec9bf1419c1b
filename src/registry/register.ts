// Registering a model: add's core, shared by add and add-template
// (./index.ts), and `add` from command-line flags without zod or yaml.
// Guarantees:
// - One path for every registration: defaults, repairs and refusals
//   (./candidate.ts), the writers' lock and the write (./write.ts), the result
//   and its warnings.
// - `add` here takes the input the CLI builds from flags; anything else (a
//   parse-example result, a draft with warnings, a field whose shape the
//   quick check below is not sure of) goes to the zod path of ./index.ts,
//   which gives the same result and the same refusals. A new entry on an
//   existing registry is appended as text (./write.ts); every other change
//   loads yaml's Document.
import { fail, type Failure } from '../failure.js';
import { AUTH_SCHEMES, WARNING_CODES, type Warning, type WarningCode } from '../codes.js';
import { hostOf, vendorById, vendorsForHost } from '../vendors/load.js';
import { KeyLookup } from './env.js';
import { redactKeys } from '../secrets/index.js';
import { entryId, identityOf } from './ids.js';
import type { Entry } from './schema.js';
import { changeRegistry, type Appended, type Written } from './write.js';
import { registryPath } from './file.js';
import type { Commands } from './commands.js';
import { findPlaceholder } from '../call/placeholders.js';
import type { AddResult } from './results.js';
import { context, type Options } from './read-verbs.js';
import { checkRules, completeEntry, entryWarnings, repairBaseUrl, type Fields } from './candidate.js';
import { entryKeyPrompt } from './view.js';
import { checkPlainJson } from './validate.js';
import { fastEntry } from './fast-validate.js';

/** The shape check without zod: 'unsure' where zod must say what is wrong. */
function fastSchema(candidate: Record<string, unknown>): Failure | null | 'unsure' {
  return fastEntry(JSON.parse(JSON.stringify({ id: 'custom/x-0000', ...candidate }))) ? null : 'unsure';
}

export interface Registered {
  entry: Entry;
  created: boolean;
  changed: boolean;
  /** Fields of an existing entry whose values this registration replaced. */
  replaced: string[];
  /** The replaced entry's vendor (null: it was registered from a paste or flags). */
  previousVendor: string | null;
}

/** A new entry (its id free among `entries`), complete with id and timestamps. */
export function newEntry(entries: Entry[], candidate: Record<string, unknown>, identity: string): Appended<Registered> {
  const now = new Date().toISOString();
  const owners = new Map(entries.map((e) => [e.id, identityOf(e.base_url, e.upstream_model)]));
  const id = entryId(String(candidate.base_url), String(candidate.upstream_model), (x) => owners.has(x) && owners.get(x) !== identity);
  const entry = { id, ...candidate, created_at: now, updated_at: now } as Entry;
  return { result: { entry, created: true, changed: true, replaced: [], previousVendor: null }, entry };
}

/** Inserts or updates under the lock; the entry keeps its id, created_at, comments and unknown fields. */
async function register(workspace: string, candidate: Record<string, unknown>): Promise<Written<Registered> | Failure> {
  const identity = identityOf(String(candidate.base_url), String(candidate.upstream_model));
  const findIdentity = (entries: Entry[]) => entries.findIndex((e) => identityOf(e.base_url, e.upstream_model) === identity);
  return changeRegistry<Registered>(
    workspace,
    // The full path: yaml's Document (./store.ts), loaded only here.
    async (reg) => (await import('./store.js')).registerInDoc(reg, candidate, findIdentity(reg.entries), () => newEntry(reg.entries, candidate, identity)),
    // A new endpoint+model on a big registry: appended as text, without parsing the file again.
    (entries) => (findIdentity(entries) >= 0 ? null : newEntry(entries, candidate, identity)),
  );
}

/**
 * A key the user already has: the vendor's documented variable
 * (ANTHROPIC_API_KEY) is set while the entry's own one is not.
 */
function keyYouHave(e: Entry, keys: KeyLookup, how: How, cmd: Commands): Warning | null {
  const env = e.api_key_env;
  if (!env || keys.isSet(env)) return null;
  const own = e.vendor ? vendorById(e.vendor) : undefined;
  for (const v of [...(own ? [own] : []), ...vendorsForHost(hostOf(e.base_url))]) {
    if (v.key_env && v.key_env !== env && keys.isSet(v.key_env)) {
      return {
        code: 'vendor_key_available',
        message: `${v.key_env} is set (the variable ${v.label}'s docs use), but ${env}, which this entry reads, is not; to use the key you already have, run ${cmd('update', [e.id], { 'api-key-env': v.key_env })}${how.verb === 'add-template' ? ` (or add-template with --api-key-env ${v.key_env})` : ''}.`,
      };
    }
  }
  return null;
}

/** How a registration was asked for: which verb, for the messages. */
export interface How {
  verb: 'add' | 'add-template';
  vendor?: string;
}

function replacedWarning(r: Registered, how: How, cmd: Commands): Warning | null {
  if (r.created || !r.replaced.length) return null;
  const what = r.replaced.filter((k) => k !== 'updated_at').join(', ');
  const from = r.previousVendor ? `the ${r.previousVendor} template` : 'a paste or flags';
  const by = how.verb === 'add-template' ? `the ${how.vendor} template's values` : 'the new values';
  return {
    code: 'entry_replaced',
    message: `${r.entry.id} was already registered (from ${from}); this ${how.verb} replaced its ${what} with ${by}. To change single fields instead, use ${cmd('update', [r.entry.id])}.`,
  };
}

/**
 * Registers the fields and builds add's result. `schema` is the shape check
 * after byok's own rules (zod in ./index.ts; ./fast-validate.ts here, whose
 * 'unsure' makes this answer null before anything is written: the caller then
 * takes the zod path).
 */
export async function registerAndReport(
  opts: Options,
  fields: Fields,
  how: How,
  carried: Warning[] = [],
  schema: (candidate: Record<string, unknown>) => Failure | null | 'unsure' = fastSchema,
): Promise<AddResult | null> {
  const { ws, cmd } = context(opts);
  const candidate = completeEntry(fields);
  const repairs = repairBaseUrl(candidate);
  const rules = checkRules(candidate);
  if (rules) return withWarnings(rules, carried);
  const bad = schema(candidate);
  if (bad === 'unsure') return null;
  if (bad) return withWarnings(bad, carried);
  const keys = new KeyLookup(ws);
  const warnings: Warning[] = [...carried, ...repairs, ...entryWarnings(candidate, keys)];
  if (!fields.name && String(candidate.upstream_model).length > String(candidate.name).length) {
    warnings.push({ code: 'name_shortened', message: `The model id is longer than a name may be; the entry is named ${JSON.stringify(candidate.name)} (change it with ${cmd('rename', ['ID', 'NAME'])}).` });
  }
  const w = await register(ws, candidate);
  if ('ok' in w) return withWarnings(w, carried);
  const r = w.result;
  const e = r.entry;
  const replaced = replacedWarning(r, how, cmd);
  if (replaced) warnings.push(replaced);
  const have = keyYouHave(e, keys, how, cmd);
  if (have) warnings.push(have);
  const prompt = entryKeyPrompt(e, keys, cmd('get', [e.id]));
  const what = r.created ? 'Registered' : r.changed ? 'Updated' : 'Already registered, unchanged:';
  const missing = prompt?.need_env_input.env_vars.map((v) => v.key) ?? [];
  const keyNote = !e.api_key_env
    ? `This endpoint takes no key.${missing.length ? ` Its headers read ${missing.join(', ')}, not set yet (see need_env_input).` : ''}`
    : missing.length
      ? `It reads ${missing.join(', ')}, not set yet (see need_env_input).`
      : `Its key is read from ${e.api_key_env}, which is set.`;
  const where = opts.workspace === undefined && !process.env.BYOK_WORKSPACE ? ' (no workspace was given, so the current folder is the workspace)' : '';
  return {
    ok: true,
    status: 'registered',
    created: r.created,
    model_id: e.id,
    name: e.name,
    vendor: e.vendor ?? null,
    upstream_model: e.upstream_model,
    base_url: e.base_url,
    wire: e.wire,
    api_key_env: e.api_key_env,
    api_key_set: e.api_key_env ? keys.isSet(e.api_key_env) : null,
    auth: e.auth,
    headers: e.headers,
    query: e.query,
    thinking_mode: e.thinking_mode,
    thinking_capability: e.thinking_capability,
    thinking_params: e.thinking_params,
    request_params: e.request_params,
    capabilities: e.capabilities,
    max_tokens: e.max_tokens,
    param_policy: e.param_policy,
    warnings,
    registry: registryPath(ws),
    note: `${what} ${e.id} (${e.name}) in ${registryPath(ws)}${w.createdConfig ? ' (created the config folder)' : ''}${where}. ${keyNote}`,
    ...(prompt ?? {}),
  };
}

/** A failure that keeps the draft's warnings, so a refusal still shows what parse-example found. */
export function withWarnings(f: Failure, carried: Warning[]): Failure {
  if (!carried.length) return f;
  return { ...f, warnings: [...carried, ...(f.warnings ?? [])] };
}

/** The warnings of a parse-example result given to add (well-formed ones with a known code only, key-shaped text redacted). */
const KNOWN_WARNINGS = new Set<string>(WARNING_CODES);

export function draftWarnings(input: unknown): Warning[] {
  const list = input && typeof input === 'object' && !Array.isArray(input) ? (input as { warnings?: unknown }).warnings : undefined;
  if (!Array.isArray(list)) return [];
  const out: Warning[] = [];
  for (const w of list.slice(0, 100)) {
    if (!w || typeof w !== 'object') continue;
    const { code, message, line } = w as Record<string, unknown>;
    if (typeof code !== 'string' || typeof message !== 'string' || !KNOWN_WARNINGS.has(code)) continue;
    out.push({ code: code as WarningCode, message: redactKeys(message.slice(0, 500)), ...(typeof line === 'number' && Number.isInteger(line) ? { line } : {}) });
  }
  return out;
}

/** The first field that still holds a placeholder from the example (`<YOUR_SITE_URL>`, `{resource}`), as a refusal. */
export function placeholderRefusal(f: Fields): Failure | null {
  const fix: Record<string, (name: string) => string> = {
    headers: (n) => `put your own value in it (CLI: --header '${n}: VALUE'), or leave the header out (CLI: --headers with a JSON object of the headers to keep)`,
    query: (n) => `put your own value in it, or leave it out (CLI: --query with a JSON object of the parameters to keep, e.g. --query '{}' for none; ${n} is dropped then)`,
  };
  for (const group of ['headers', 'query'] as const) {
    for (const [name, value] of Object.entries(f[group] ?? {})) {
      const ph = typeof value === 'string' ? findPlaceholder(value) : null;
      if (ph) return fail('invalid_entry', redactKeys(`${group}.${name.slice(0, 60)} holds the placeholder ${JSON.stringify(ph.slice(0, 60))} from the example, not a value; ${fix[group](name.slice(0, 60))}. Nothing was registered.`));
    }
  }
  for (const [field, flag] of [['base_url', '--base-url'], ['upstream_model', '--upstream-model']] as const) {
    const v = f[field];
    const ph = typeof v === 'string' ? findPlaceholder(v) : null;
    if (ph) return fail('invalid_entry', redactKeys(`${field} holds the placeholder ${JSON.stringify(ph.slice(0, 60))} from the example; give the real value (CLI: ${flag}). Nothing was registered.`));
  }
  return null;
}

const isStr = (v: unknown): v is string => typeof v === 'string';
const strOrNull = (v: unknown) => v === undefined || v === null || isStr(v);
function plain(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}
const recordOf = (v: unknown, ok: (x: unknown) => boolean) => v === undefined || (plain(v) && Object.values(v).every(ok));

/**
 * The fields of a flag-built input as ./entry.ts AddFields (zod) would give
 * them, or null when zod must look: anything but a plain field set (a
 * parse-example result, a draft with warnings), or any field it is not sure
 * of. Unknown keys are dropped, as zod drops them.
 */
export function quickFields(input: unknown): Fields | null {
  if (!plain(input) || 'ok' in input || 'draft' in input || 'warnings' in input || checkPlainJson(input, 'draft')) return null;
  const f = input;
  for (const k of ['upstream_model', 'base_url', 'name', 'api_key_env', 'vendor'] as const) if (!strOrNull(f[k])) return null;
  if (f.wire !== undefined && f.wire !== 'openai' && f.wire !== 'anthropic') return null;
  if (f.thinking_capability !== undefined && !isStr(f.thinking_capability)) return null;
  if (f.thinking_mode !== undefined && f.thinking_mode !== 'enabled' && f.thinking_mode !== 'disabled' && f.thinking_mode !== 'auto') return null;
  if (!recordOf(f.headers, isStr) || !recordOf(f.query, isStr) || !recordOf(f.capabilities, (x) => typeof x === 'boolean')) return null;
  if (!recordOf(f.thinking_params, () => true) || !recordOf(f.request_params, () => true)) return null;
  if (f.max_tokens !== undefined && f.max_tokens !== null && !(typeof f.max_tokens === 'number' && Number.isFinite(f.max_tokens))) return null;
  let auth: Fields['auth'];
  if (f.auth !== undefined) {
    const a = f.auth;
    if (!plain(a)) return null;
    if (a.in === 'header' && isStr(a.name) && 'scheme' in a && (a.scheme === null || (isStr(a.scheme) && (AUTH_SCHEMES as readonly string[]).includes(a.scheme)))) auth = { in: 'header', name: a.name, scheme: a.scheme as Extract<Fields['auth'], { in: 'header' }>['scheme'] };
    else if (a.in === 'query' && isStr(a.name)) auth = { in: 'query', name: a.name };
    else if (a.in === 'none') auth = { in: 'none' };
    else return null;
  }
  let policy: Fields['param_policy'];
  if (f.param_policy !== undefined) {
    const p = f.param_policy;
    if (!plain(p) || (p.drop_params !== undefined && !(Array.isArray(p.drop_params) && p.drop_params.every(isStr)))) return null;
    policy = p.drop_params === undefined ? {} : { drop_params: [...(p.drop_params as string[])] };
  }
  const out: Record<string, unknown> = {};
  for (const k of ['upstream_model', 'base_url', 'wire', 'name', 'api_key_env', 'thinking_capability', 'thinking_mode', 'max_tokens', 'vendor'] as const) if (f[k] !== undefined) out[k] = f[k];
  for (const k of ['headers', 'query', 'thinking_params', 'request_params', 'capabilities'] as const) if (f[k] !== undefined) out[k] = { ...(f[k] as object) };
  if (auth) out.auth = auth;
  if (policy) out.param_policy = policy;
  return out as Fields;
}

/**
 * `add` for the CLI's flag input, without zod or yaml on the common path; any
 * other input, or anything the quick checks are not sure of, goes to
 * ./index.ts `add`, which answers the same.
 */
export async function add(input: unknown, opts: Options = {}): Promise<AddResult> {
  const full = async () => (await import('./index.js')).add(input, opts);
  const fields = quickFields(input);
  if (!fields) return full();
  const ph = placeholderRefusal(fields);
  if (ph) return ph;
  return (await registerAndReport(opts, fields, { verb: 'add' })) ?? full();
}
