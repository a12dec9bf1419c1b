// The registry's public functions: templates, listVendorModels, addTemplate,
// add, listModels, get, remove. Each takes an optional `{ workspace }` (else
// $BYOK_WORKSPACE, else the current directory) and resolves to a plain JSON
// object, `{ ok: true, ... }` or `{ ok: false, error, code }`; none throws on
// user input. Results never contain a key: `api_key_set` says whether the
// variable is set (process environment or DIR/.env), and while it is not,
// `need_env_input` + `next_action` ask the caller to use its secure-input tool.
import { isCollection, isMap, isScalar, Scalar, type YAMLMap } from 'yaml';
import { fail, type Failure } from '../result.js';
import { curatedModel, hostOf, vendorById, vendors } from '../vendors/load.js';
import type { Vendor } from '../vendors/schema.js';
import { checkCandidate, completeEntry, entryKeyPrompt, entryView, entryWarnings, fieldsFromInput, type AddFields } from './entry.js';
import { KeyLookup, resolveWorkspace } from './env.js';
import { redactKeys } from '../secrets/index.js';
import { entryId, identityOf, keyEnvForHost } from './ids.js';
import type { Entry } from './schema.js';
import { changeRegistry, modelsSeq, readRegistry, REGISTRY_REL } from './store.js';

export interface Options {
  /** Workspace folder: registry in DIR/config/custom_models.yaml, keys in DIR/.env. */
  workspace?: string;
}

export type Result = { ok: true; [k: string]: unknown } | (Failure & { [k: string]: unknown });

const knownVendors = () => [...vendors().keys()].join(', ');

function unknownVendor(vendor: string): Failure {
  return fail('unknown_vendor', redactKeys(`No curated template ${JSON.stringify(vendor.slice(0, 60))}; the templates are: ${knownVendors()}.`));
}

// ---------- templates ----------

export async function templates(opts: Options = {}): Promise<Result> {
  const keys = new KeyLookup(resolveWorkspace(opts.workspace));
  const list = [...vendors().values()].map((v) => {
    const keyEnv = keyEnvForHost(hostOf(v.base_url));
    return {
      vendor: v.vendor,
      label: v.label,
      homepage: v.homepage,
      base_url: v.base_url,
      wire: v.wire,
      default_model: v.default_model,
      models: v.models.map((m) => ({
        id: m.id,
        label: m.label ?? m.id,
        thinking_capability: m.thinking_capability ?? v.thinking,
        thinking_mode: m.thinking_mode,
        capabilities: { ...v.capabilities, ...m.capabilities },
        ...(m.tee !== undefined ? { tee: m.tee } : {}),
        ...(m.note ? { note: m.note } : {}),
      })),
      supports_dynamic_models: v.model_discovery !== null,
      thinking_capability: v.thinking,
      api_key_env: keyEnv,
      api_key_set: keys.isSet(keyEnv),
      ...(v.note ? { note: v.note } : {}),
    };
  });
  return {
    ok: true,
    count: list.length,
    templates: list,
    note: 'Register one with `byok add-template VENDOR [--upstream-model M] [--name N]`. A model outside a curated list is accepted only where supports_dynamic_models is true (see `byok list-vendor-models VENDOR`). Keys go in .env through your secure-input tool, never in chat.',
  };
}

// ---------- list-vendor-models ----------
// Lives with the other live-catalog code in src/vendors/discovery.ts, loaded
// only when called (registering a model never pays for the catalog code).
export type { DiscoveryOptions } from '../vendors/discovery.js';
export async function listVendorModels(vendor?: string, opts: import('../vendors/discovery.js').DiscoveryOptions = {}): Promise<Result> {
  const discovery = await import('../vendors/discovery.js');
  return discovery.listVendorModels(vendor, opts);
}

// ---------- add / add-template ----------

interface Registered {
  entry: Entry;
  created: boolean;
  changed: boolean;
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

/** Inserts or updates under the lock; the entry keeps its id, created_at, comments and unknown fields. */
async function register(workspace: string, candidate: Record<string, unknown>): Promise<Registered | Failure> {
  return changeRegistry<Registered>(workspace, (reg) => {
    const identity = identityOf(String(candidate.base_url), String(candidate.upstream_model));
    const index = reg.entries.findIndex((e) => identityOf(e.base_url, e.upstream_model) === identity);
    const now = new Date().toISOString();
    if (index >= 0) {
      const old = reg.entries[index];
      const known = Object.fromEntries(Object.keys(candidate).map((k) => [k, (old as Record<string, unknown>)[k]]));
      const entry = { ...old, ...candidate, id: old.id, created_at: old.created_at ?? now, updated_at: now } as Entry;
      if (sameContent(known, candidate)) return { result: { entry: old, created: false, changed: false }, write: false };
      for (const [k, v] of Object.entries(candidate)) {
        if (JSON.stringify((old as Record<string, unknown>)[k]) !== JSON.stringify(v)) reg.doc.setIn(['models', index, k], compact(reg.doc.createNode(v)));
      }
      reg.doc.setIn(['models', index, 'updated_at'], quoted(now));
      return { result: { entry, created: false, changed: true }, write: true };
    }
    const owners = new Map(reg.entries.map((e) => [e.id, identityOf(e.base_url, e.upstream_model)]));
    const id = entryId(String(candidate.base_url), String(candidate.upstream_model), (x) => owners.has(x) && owners.get(x) !== identity);
    const entry = { id, ...candidate, created_at: now, updated_at: now } as Entry;
    const node = reg.doc.createNode(entry) as unknown as YAMLMap<string, unknown>;
    for (const p of node.items) compact(p.value);
    node.set('created_at', quoted(now));
    node.set('updated_at', quoted(now));
    modelsSeq(reg.doc).add(node);
    return { result: { entry, created: true, changed: true }, write: true };
  });
}

async function registerAndReport(workspace: string, fields: AddFields): Promise<Result> {
  const candidate = completeEntry(fields);
  const bad = checkCandidate(candidate);
  if (bad) return bad;
  const keys = new KeyLookup(workspace);
  const warnings = entryWarnings(candidate, keys);
  const r = await register(workspace, candidate);
  if ('ok' in r) return r;
  const e = r.entry;
  const prompt = entryKeyPrompt(e, keys);
  const what = r.created ? 'Registered' : r.changed ? 'Updated' : 'Already registered, unchanged:';
  const keyNote = !e.api_key_env
    ? 'This endpoint takes no key.'
    : prompt
      ? `Its key is read from ${e.api_key_env}, which is not set yet (see need_env_input).`
      : `Its key is read from ${e.api_key_env}, which is set.`;
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
    thinking_mode: e.thinking_mode,
    thinking_capability: e.thinking_capability,
    request_params: e.request_params,
    capabilities: e.capabilities,
    param_policy: e.param_policy,
    warnings,
    note: `${what} ${e.id} (${e.name}) in ${REGISTRY_REL}. ${keyNote}`,
    ...(prompt ?? {}),
  };
}

/**
 * Registers from fields, a bare draft, or a whole parse-example result
 * (`byok parse-example x.sh | byok add --from-draft -`). Registering the same
 * base_url + upstream_model again updates the one entry.
 */
export async function add(input: unknown, opts: Options = {}): Promise<Result> {
  const fields = fieldsFromInput(input);
  if ('ok' in fields) return fields;
  return registerAndReport(resolveWorkspace(opts.workspace), fields);
}

export interface TemplateFields {
  upstream_model?: string;
  name?: string;
}

function templateFields(v: Vendor, f: TemplateFields): AddFields | Failure {
  const model = f.upstream_model?.trim() || v.default_model;
  const m = curatedModel(v, model);
  if (!m && !v.model_discovery) {
    return fail(
      'model_not_in_catalog',
      redactKeys(`${model.slice(0, 100)} is not in ${v.label}'s curated list (${v.models.map((x) => x.id).join(', ')}), and ${v.label} has no live catalog to check it against; use \`byok add\` with --base-url ${v.base_url} for another model.`),
    );
  }
  return {
    vendor: v.vendor,
    upstream_model: model,
    name: f.name?.trim() || m?.label || model,
    base_url: v.base_url,
    wire: v.wire,
    auth: v.auth,
    api_key_env: keyEnvForHost(hostOf(v.base_url)),
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
export async function addTemplate(vendor: string, fields: TemplateFields = {}, opts: Options = {}): Promise<Result> {
  const v = vendorById(String(vendor ?? ''));
  if (!v) return unknownVendor(String(vendor));
  const t = templateFields(v, fields ?? {});
  if ('ok' in t) return t;
  return registerAndReport(resolveWorkspace(opts.workspace), t);
}

// ---------- list / get / remove ----------

export async function listModels(opts: Options = {}): Promise<Result> {
  const ws = resolveWorkspace(opts.workspace);
  const reg = await readRegistry(ws);
  if ('ok' in reg) return reg;
  const keys = new KeyLookup(ws);
  const models = reg.entries.map((e) => entryView(e, keys));
  return { ok: true, count: models.length, models };
}

function findEntry(entries: Entry[], id: string): number {
  const want = String(id ?? '').trim();
  const i = entries.findIndex((e) => e.id === want);
  return i >= 0 ? i : entries.findIndex((e) => e.id === `custom/${want}`);
}

function notFound(id: string): Failure {
  return fail('not_found', redactKeys(`No entry ${JSON.stringify(String(id ?? '').slice(0, 100))} in ${REGISTRY_REL}; \`byok list\` shows the ids.`));
}

export async function get(id: string, opts: Options = {}): Promise<Result> {
  const ws = resolveWorkspace(opts.workspace);
  const reg = await readRegistry(ws);
  if ('ok' in reg) return reg;
  const i = findEntry(reg.entries, id);
  if (i < 0) return notFound(id);
  const keys = new KeyLookup(ws);
  const e = reg.entries[i];
  return { ok: true, ...entryView(e, keys), ...(entryKeyPrompt(e, keys) ?? {}) };
}

export async function remove(id: string, opts: Options = {}): Promise<Result> {
  const ws = resolveWorkspace(opts.workspace);
  const r = await changeRegistry(ws, (reg) => {
    const i = findEntry(reg.entries, id);
    if (i < 0) return notFound(id);
    reg.doc.deleteIn(['models', i]);
    const e = reg.entries[i];
    const others = reg.entries.filter((x, j) => j !== i && x.api_key_env && x.api_key_env === e.api_key_env).length;
    return { result: { e, others }, write: true };
  });
  if ('ok' in r) return r;
  const { e, others } = r;
  const keyNote = !e.api_key_env
    ? ''
    : others
      ? ` ${e.api_key_env} in .env was left alone; ${others} other entr${others === 1 ? 'y uses' : 'ies use'} it.`
      : ` ${e.api_key_env} in .env was left alone (byok never writes .env); delete that line yourself if you no longer need the key.`;
  return { ok: true, status: 'removed', model_id: e.id, note: `Removed ${e.id} (${e.name}) from ${REGISTRY_REL}.${keyNote}` };
}
