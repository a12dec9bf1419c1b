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
import { checkCandidate, completeEntry, type Warning, entryKeyPrompt, entryView, entryWarnings, fieldsFromInput, type AddFields } from './entry.js';
import { KeyLookup, resolveWorkspace } from './env.js';
import { redactKeys } from '../secrets/index.js';
import { entryId, identityOf, keyEnvForHost } from './ids.js';
import type { Entry } from './schema.js';
import { changeRegistry, modelsSeq, readRegistry, registryPath } from './store.js';
import { commandsFor, type Commands, type Invocation } from './commands.js';
import { findPlaceholder } from '../call/placeholders.js';
import { WARNING_CODES, type WarningCode } from '../codes.js';
import type { AddResult, GetResult, ListModelsResult, RemoveResult, TemplatesResult } from './results.js';

export interface Options {
  /** Workspace folder: registry in DIR/config/custom_models.yaml, keys in DIR/.env (default $BYOK_WORKSPACE, else the current folder). */
  workspace?: string;
  /** How notes spell follow-up commands (CLI command and --workspace, or MCP tools). */
  invocation?: Invocation;
}

/** The workspace and the command speller for one call. */
function context(opts: Options): { ws: string; cmd: Commands } {
  const ws = resolveWorkspace(opts.workspace);
  return { ws, cmd: commandsFor(opts.invocation, ws, opts.workspace !== undefined) };
}

const knownVendors = () => [...vendors().keys()].join(', ');

function unknownVendor(vendor: string): Failure {
  return fail('unknown_vendor', redactKeys(`No curated template ${JSON.stringify(vendor.slice(0, 60))}; the templates are: ${knownVendors()}.`));
}

// ---------- templates ----------

export async function templates(opts: Options = {}): Promise<TemplatesResult> {
  const { ws, cmd } = context(opts);
  const keys = new KeyLookup(ws);
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
    note: `Register one with ${cmd('add-template', ['VENDOR'])} (add --upstream-model M for another of its models). A model outside a curated list is accepted only where supports_dynamic_models is true (see ${cmd('list-vendor-models', ['VENDOR'])}). Keys go in .env through your secure-input tool, never in chat.`,
  };
}

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

async function registerAndReport(opts: Options, fields: AddFields, carried: Warning[] = []): Promise<AddResult> {
  const { ws, cmd } = context(opts);
  const candidate = completeEntry(fields);
  const bad = checkCandidate(candidate);
  if (bad) return withWarnings(bad, carried);
  const keys = new KeyLookup(ws);
  const warnings = [...carried, ...entryWarnings(candidate, keys)];
  const r = await register(ws, candidate);
  if ('ok' in r) return withWarnings(r, carried);
  const e = r.entry;
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
    note: `${what} ${e.id} (${e.name}) in ${registryPath(ws)}${where}. ${keyNote}`,
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
  return registerAndReport(opts, fields, carried);
}

export interface TemplateFields {
  upstream_model?: string;
  name?: string;
}

function templateFields(v: Vendor, f: TemplateFields, cmd: Commands): AddFields | Failure {
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
export async function addTemplate(vendor: string, fields: TemplateFields = {}, opts: Options = {}): Promise<AddResult> {
  const v = vendorById(String(vendor ?? ''));
  if (!v) return unknownVendor(String(vendor));
  const t = templateFields(v, fields ?? {}, context(opts).cmd);
  if ('ok' in t) return t;
  return registerAndReport(opts, t);
}

// ---------- list / get / remove ----------

export async function listModels(opts: Options = {}): Promise<ListModelsResult> {
  const { ws } = context(opts);
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

function notFound(id: string, ws: string, cmd: Commands): Failure {
  return fail('not_found', redactKeys(`No entry ${JSON.stringify(String(id ?? '').slice(0, 100))} in ${registryPath(ws)}; ${cmd('list')} shows the ids.`));
}

export async function get(id: string, opts: Options = {}): Promise<GetResult> {
  const { ws, cmd } = context(opts);
  const reg = await readRegistry(ws);
  if ('ok' in reg) return reg;
  const i = findEntry(reg.entries, id);
  if (i < 0) return notFound(id, ws, cmd);
  const keys = new KeyLookup(ws);
  const e = reg.entries[i];
  return { ok: true, ...entryView(e, keys), ...(entryKeyPrompt(e, keys, cmd('get', [e.id])) ?? {}) } as GetResult;
}

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
  const { e, others } = r;
  const keyNote = !e.api_key_env
    ? ''
    : others
      ? ` ${e.api_key_env} in .env was left alone; ${others} other entr${others === 1 ? 'y uses' : 'ies use'} it.`
      : ` ${e.api_key_env} in .env was left alone (byok never writes .env); delete that line yourself if you no longer need the key.`;
  return { ok: true, status: 'removed', model_id: e.id, registry: registryPath(ws), note: `Removed ${e.id} (${e.name}) from ${registryPath(ws)}.${keyNote}` };
}
