// The registry's public functions: templates, listVendorModels, addTemplate,
// add, update, rename, listModels, get, remove. Each takes an optional `{ workspace }` (else
// $BYOK_WORKSPACE, else the current directory) and resolves to a plain JSON
// object, `{ ok: true, ... }` or `{ ok: false, error, code }`; none throws on
// user input. Results never contain a key: `api_key_set` says whether the
// variable is set (process environment or DIR/.env), and while it is not,
// `need_env_input` + `next_action` ask the caller to use its secure-input tool.
import { isCollection, isMap, isScalar, Scalar, type Node, type YAMLMap } from 'yaml';
import { fail, type Failure } from '../result.js';
import { curatedModel, hostOf, vendorById, vendors, vendorsForHost } from '../vendors/load.js';
import type { Vendor } from '../vendors/schema.js';
import { AddFields, checkCandidate, completeEntry, defaultName, type Warning, entryKeyPrompt, entryView, entryWarnings, fieldsFromInput, repairBaseUrl } from './entry.js';
import { checkEnvName } from './validate.js';
import { KeyLookup } from './env.js';
import { quoteArgument, redactKeys } from '../secrets/index.js';
import { entryId, identityOf, keyEnvForHost } from './ids.js';
import type { Entry } from './schema.js';
import { changeRegistry, modelsSeq, registryPath, type Appended, type Written } from './store.js';
import type { Commands } from './commands.js';
import { findPlaceholder } from '../call/placeholders.js';
import { WARNING_CODES, type WarningCode } from '../codes.js';
import type { AddResult, RemoveResult } from './results.js';
import { context, findEntry, notFound, type Options } from './read-verbs.js';

const knownVendors = () => [...vendors().keys()].join(', ');

function unknownVendor(vendor: string): Failure {
  return fail('unknown_vendor', redactKeys(`No curated template ${quoteArgument(vendor, 'vendor')}; the templates are: ${knownVendors()}.`));
}

// ---------- templates, list, get: ./read-verbs.ts ----------

export { get, listModels, templates, type Options } from './read-verbs.js';

// ---------- list-vendor-models ----------
// Lives with the other live-catalog code in src/vendors/discovery.ts, loaded
// only when called (registering a model never pays for the catalog code).
export type { DiscoveryOptions } from '../vendors/discovery.js';
export async function listVendorModels(vendor?: string, opts: import('../vendors/discovery.js').DiscoveryOptions = {}): Promise<import('../vendors/discovery.js').Result> {
  const discovery = await import('../vendors/discovery.js');
  return discovery.listVendorModels(vendor, opts);
}

// ---------- add / add-template ----------

interface Registered {
  entry: Entry;
  created: boolean;
  changed: boolean;
  /** Fields of an existing entry whose values this registration replaced. */
  replaced: string[];
  /** The replaced entry's vendor (null: it was registered from a paste or flags). */
  previousVendor: string | null;
}

const TIMESTAMPS = new Set(['created_at', 'updated_at', 'id']);

function sameContent(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const strip = (o: Record<string, unknown>) => JSON.stringify(Object.fromEntries(Object.entries(o).filter(([k]) => !TIMESTAMPS.has(k)).sort(([x], [y]) => (x < y ? -1 : 1))));
  return strip(a) === strip(b);
}

/** Small maps of scalars (auth, capabilities...) in flow style: one line each, easier to read and to parse. */
function compact(node: unknown): unknown {
  if (isMap(node) && node.items.length <= 6 && node.items.every((p) => isScalar(p.value) || (isCollection(p.value) && p.value.items.length === 0))) node.flow = true;
  return node;
}

/** A double-quoted scalar, so YAML 1.1 readers keep a timestamp a string. */
function quoted(value: string): Scalar {
  const s = new Scalar(value);
  s.type = 'QUOTE_DOUBLE';
  return s;
}

/** A new entry (its id free among `entries`) and the way to build its YAML node. */
function newEntry(entries: Entry[], candidate: Record<string, unknown>, identity: string): Appended<Registered> {
  const now = new Date().toISOString();
  const owners = new Map(entries.map((e) => [e.id, identityOf(e.base_url, e.upstream_model)]));
  const id = entryId(String(candidate.base_url), String(candidate.upstream_model), (x) => owners.has(x) && owners.get(x) !== identity);
  const entry = { id, ...candidate, created_at: now, updated_at: now } as Entry;
  return {
    result: { entry, created: true, changed: true, replaced: [], previousVendor: null },
    node(doc) {
      const node = doc.createNode(entry) as unknown as YAMLMap<string, unknown>;
      for (const p of node.items) compact(p.value);
      node.set('created_at', quoted(now));
      node.set('updated_at', quoted(now));
      return node as unknown as Node;
    },
  };
}

/** Inserts or updates under the lock; the entry keeps its id, created_at, comments and unknown fields. */
async function register(workspace: string, candidate: Record<string, unknown>): Promise<Written<Registered> | Failure> {
  const identity = identityOf(String(candidate.base_url), String(candidate.upstream_model));
  const findIdentity = (entries: Entry[]) => entries.findIndex((e) => identityOf(e.base_url, e.upstream_model) === identity);
  return changeRegistry<Registered>(
    workspace,
    (reg) => {
      const index = findIdentity(reg.entries);
      const now = new Date().toISOString();
      if (index >= 0) {
        const old = reg.entries[index];
        const known = Object.fromEntries(Object.keys(candidate).map((k) => [k, (old as Record<string, unknown>)[k]]));
        const entry = { ...old, ...candidate, id: old.id, created_at: old.created_at ?? now, updated_at: now } as Entry;
        const previousVendor = old.vendor ?? null;
        if (sameContent(known, candidate)) return { result: { entry: old, created: false, changed: false, replaced: [], previousVendor }, write: false };
        const replaced: string[] = [];
        for (const [k, v] of Object.entries(candidate)) {
          if (JSON.stringify((old as Record<string, unknown>)[k]) !== JSON.stringify(v)) {
            reg.doc.setIn(['models', index, k], compact(reg.doc.createNode(v)));
            replaced.push(k);
          }
        }
        reg.doc.setIn(['models', index, 'updated_at'], quoted(now));
        return { result: { entry, created: false, changed: true, replaced, previousVendor }, write: true, touched: [index] };
      }
      const a = newEntry(reg.entries, candidate, identity);
      const seq = modelsSeq(reg.doc);
      seq.add(a.node(reg.doc));
      return { result: a.result, write: true, touched: [seq.items.length - 1] };
    },
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
interface How {
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

async function registerAndReport(opts: Options, fields: AddFields, how: How, carried: Warning[] = []): Promise<AddResult> {
  const { ws, cmd } = context(opts);
  const candidate = completeEntry(fields);
  const repairs = repairBaseUrl(candidate);
  const bad = checkCandidate(candidate);
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
function withWarnings(f: Failure, carried: Warning[]): Failure {
  if (!carried.length) return f;
  return { ...f, warnings: [...carried, ...(f.warnings ?? [])] };
}

/** The warnings of a parse-example result given to add (well-formed ones with a known code only, key-shaped text redacted). */
const KNOWN_WARNINGS = new Set<string>(WARNING_CODES);

function draftWarnings(input: unknown): Warning[] {
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
function placeholderRefusal(f: AddFields): Failure | null {
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

/**
 * Registers from fields, a bare draft, or a whole parse-example result
 * (`byok parse-example x.sh | byok add --from-draft -`), keeping that result's
 * warnings in its own. Registering the same base_url + upstream_model again
 * updates the one entry. A header, query value, base_url or model that is
 * still a placeholder is refused, naming the field.
 */
export async function add(input: unknown, opts: Options = {}): Promise<AddResult> {
  const carried = draftWarnings(input);
  const fields = fieldsFromInput(input);
  if ('ok' in fields) return withWarnings(fields, carried);
  const ph = placeholderRefusal(fields);
  if (ph) return withWarnings(ph, carried);
  return registerAndReport(opts, fields, { verb: 'add' }, carried);
}

export interface TemplateFields {
  upstream_model?: string;
  name?: string;
  /** The variable that holds the key, instead of CUSTOM_KEY_<HOST> (e.g. the vendor's documented ANTHROPIC_API_KEY). */
  api_key_env?: string;
}

function templateFields(v: Vendor, f: TemplateFields, cmd: Commands): AddFields | Failure {
  if (f.upstream_model !== undefined && !String(f.upstream_model).trim()) {
    return fail('invalid_entry', `--upstream-model is empty; give the model id, or leave the flag out for ${v.label}'s default (${v.default_model}).`);
  }
  if (f.api_key_env !== undefined) {
    const bad = checkEnvName(f.api_key_env);
    if (bad) return fail('invalid_entry', bad);
  }
  const model = f.upstream_model?.trim() || v.default_model;
  const m = curatedModel(v, model);
  if (!m && !v.model_discovery) {
    return fail(
      'model_not_in_catalog',
      redactKeys(`${model.slice(0, 100)} is not in ${v.label}'s curated list (${v.models.map((x) => x.id).join(', ')}), and ${v.label} has no live catalog to check it against; use ${cmd('add', [], { 'base-url': v.base_url, 'upstream-model': 'M' })} for another model.`),
    );
  }
  return {
    vendor: v.vendor,
    upstream_model: model,
    name: f.name?.trim() || m?.label || defaultName(model),
    base_url: v.base_url,
    wire: v.wire,
    auth: v.auth,
    api_key_env: f.api_key_env ?? keyEnvForHost(hostOf(v.base_url)),
    headers: v.headers,
    query: {},
    thinking_capability: m?.thinking_capability ?? v.thinking,
    thinking_mode: m?.thinking_mode ?? 'auto',
    thinking_params: m?.thinking_params ?? {},
    request_params: v.request_params,
    capabilities: { ...v.capabilities, ...(m?.capabilities ?? {}) },
    max_tokens: m?.max_tokens ?? null,
  };
}

/** One-step registration of a curated vendor's model (its default one unless `upstream_model` is given). */
export async function addTemplate(vendor: string, fields: TemplateFields = {}, opts: Options = {}): Promise<AddResult> {
  const v = vendorById(String(vendor ?? ''));
  if (!v) return unknownVendor(String(vendor));
  const t = templateFields(v, fields ?? {}, context(opts).cmd);
  if ('ok' in t) return t;
  return registerAndReport(opts, t, { verb: 'add-template', vendor: v.vendor });
}

// ---------- remove ----------

export async function remove(id: string, opts: Options = {}): Promise<RemoveResult> {
  const { ws, cmd } = context(opts);
  const r = await changeRegistry(ws, (reg) => {
    const i = findEntry(reg.entries, id);
    if (i < 0) return notFound(id, ws, cmd);
    reg.doc.deleteIn(['models', i]);
    const e = reg.entries[i];
    const others = reg.entries.filter((x, j) => j !== i && x.api_key_env && x.api_key_env === e.api_key_env).length;
    return { result: { e, others }, write: true };
  });
  if ('ok' in r) return r;
  const { e, others } = r.result;
  const keyNote = !e.api_key_env
    ? ''
    : others
      ? ` ${e.api_key_env} in .env was left alone; ${others} other entr${others === 1 ? 'y uses' : 'ies use'} it.`
      : ` ${e.api_key_env} in .env was left alone (byok never writes .env); delete that line yourself if you no longer need the key.`;
  return { ok: true, status: 'removed', model_id: e.id, registry: registryPath(ws), note: `Removed ${e.id} (${e.name}) from ${registryPath(ws)}.${keyNote}` };
}

// ---------- update / rename ----------

/** What `update` may change: everything but the endpoint (base_url, wire, auth), which makes another entry. */
export const UpdateFields = AddFields.pick({
  name: true,
  upstream_model: true,
  api_key_env: true,
  headers: true,
  query: true,
  thinking_capability: true,
  thinking_mode: true,
  thinking_params: true,
  request_params: true,
  capabilities: true,
  max_tokens: true,
  param_policy: true,
}).strict();

export type { UpdateResult } from './results.js';
import type { UpdateResult } from './results.js';

/**
 * Changes fields of a registered entry in place: it keeps its id,
 * created_at, comments and unknown fields. The result is checked by the same
 * rules as `add`; a new upstream_model that another entry already has on the
 * same base_url is refused.
 */
export async function update(id: string, fields: unknown, opts: Options = {}): Promise<UpdateResult> {
  const { ws, cmd } = context(opts);
  const parsed = UpdateFields.safeParse(fields ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const keys = issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : '';
    const what = keys ? `${keys.slice(0, 60)} (register another endpoint with ${cmd('add')})` : `${issue.path.join('.')} (${issue.message})`;
    return fail('invalid_entry', redactKeys(`update cannot set ${what}; it changes name, upstream_model, api_key_env, headers, query, thinking and request params, capabilities, max_tokens and param_policy.`));
  }
  const f = parsed.data;
  if (!Object.keys(f).length) return fail('usage', 'update needs at least one field to change (e.g. --name N, --upstream-model M, --thinking-mode disabled).');
  if (f.upstream_model !== undefined && !String(f.upstream_model ?? '').trim()) return fail('invalid_entry', '--upstream-model is empty; give the new model id.');
  if (f.name !== undefined && !String(f.name ?? '').trim()) return fail('invalid_entry', '--name is empty; give the new display name.');
  const keys = new KeyLookup(ws);
  const w = await changeRegistry(ws, (reg) => {
    const i = findEntry(reg.entries, id);
    if (i < 0) return notFound(id, ws, cmd);
    const old = reg.entries[i] as Record<string, unknown>;
    const next: Record<string, unknown> = { ...old };
    for (const [k, v] of Object.entries(f)) {
      if (k === 'param_policy') next[k] = { ...(old.param_policy as object), ...(v as object) };
      else next[k] = typeof v === 'string' ? v.trim() : v;
    }
    // A name that was the model id by default follows the model.
    if (f.name === undefined && f.upstream_model !== undefined && old.name === defaultName(String(old.upstream_model))) next.name = defaultName(String(next.upstream_model));
    const bad = checkCandidate(next);
    if (bad) return bad;
    if (next.upstream_model !== old.upstream_model) {
      const ident = identityOf(String(next.base_url), String(next.upstream_model));
      const other = reg.entries.find((e, j) => j !== i && identityOf(e.base_url, e.upstream_model) === ident);
      if (other) return fail('invalid_entry', redactKeys(`${other.id} already registers ${String(next.upstream_model).slice(0, 100)} on ${other.base_url}; remove one of the two, or pick another --upstream-model.`));
    }
    const changed = [...new Set([...Object.keys(f), 'name'])].filter((k) => JSON.stringify(old[k]) !== JSON.stringify(next[k]));
    if (!changed.length) return { result: { entry: old as Entry, changed }, write: false };
    const now = new Date().toISOString();
    for (const k of changed) reg.doc.setIn(['models', i, k], compact(reg.doc.createNode(next[k])));
    reg.doc.setIn(['models', i, 'updated_at'], quoted(now));
    return { result: { entry: { ...next, updated_at: now } as Entry, changed }, write: true, touched: [i] };
  });
  if ('ok' in w) return w;
  const { entry: e, changed } = w.result;
  const warnings = entryWarnings(e as unknown as Record<string, unknown>, keys);
  const prompt = entryKeyPrompt(e, keys, cmd('get', [e.id]));
  return {
    ok: true,
    status: changed.length ? 'updated' : 'unchanged',
    changed,
    ...entryView(e, keys),
    warnings,
    registry: registryPath(ws),
    note: changed.length ? `Updated ${changed.join(', ')} of ${e.id} (${e.name}) in ${registryPath(ws)}.` : `${e.id} already has these values; nothing was written.`,
    ...(prompt ?? {}),
  };
}

/** Gives a registered entry a new display name (its id stays). */
export async function rename(id: string, name: string, opts: Options = {}): Promise<UpdateResult> {
  return update(id, { name }, opts);
}
