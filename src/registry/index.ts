// The registry's public functions: templates, listVendorModels, addTemplate,
// add, update, rename, listModels, get, remove. Each takes an optional `{ workspace }` (else
// $BYOK_WORKSPACE, else the current directory) and resolves to a plain JSON
// object, `{ ok: true, ... }` or `{ ok: false, error, code }`; none throws on
// user input. Results never contain a key: `api_key_set` says whether the
// variable is set (process environment or DIR/.env), and while it is not,
// `need_env_input` + `next_action` ask the caller to use its secure-input tool.
import { fail, type Failure } from '../failure.js';
import { curatedModel, hostOf, vendorById, vendors } from '../vendors/load.js';
import type { Vendor } from '../vendors/schema.js';
import { AddFields, checkCandidate, defaultName, type Warning, entryKeyPrompt, entryView, entryWarnings, fieldsFromInput } from './entry.js';
import { draftWarnings, placeholderRefusal, registerAndReport, withWarnings, type How } from './register.js';
import { compact, quoted } from './store.js';
import { checkEnvName } from './validate.js';
import { KeyLookup } from './env.js';
import { quoteArgument, redactKeys } from '../secrets/index.js';
import { identityOf, keyEnvForHost } from './ids.js';
import type { Entry } from './schema.js';
import { changeRegistry } from './write.js';
import { registryPath } from './file.js';
import type { Commands } from './commands.js';
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

// ---------- add / add-template (the shared core: ./register.ts) ----------

/** The zod shape check of a candidate (after byok's own rules, which ./register.ts runs). */
function zodSchema(candidate: Record<string, unknown>): Failure | null {
  return checkCandidate(candidate);
}

/** registerAndReport with zod's check, which never answers 'unsure'. */
async function registerChecked(opts: Options, fields: AddFields, how: How, carried: Warning[] = []): Promise<AddResult> {
  return (await registerAndReport(opts, fields, how, carried, zodSchema))!;
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
  return registerChecked(opts, fields, { verb: 'add' }, carried);
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
  return registerChecked(opts, t, { verb: 'add-template', vendor: v.vendor });
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
