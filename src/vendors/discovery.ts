// `list-vendor-models` / listVendorModels: a live /models catalog, normalised.
// Three ways to name the catalog: a vendor (a curated template in vendors/*.yaml
// or a catalog-only vendor in vendors/catalogs/*.yaml), a registered entry
// (`modelId`: {base_url}/models with the entry's own auth), or a base URL about
// to be registered (`baseUrl`, with its key variable). Which format a catalog
// is in is data (`model_discovery.format`, grammar/catalog-formats.yaml); an
// unknown endpoint is sniffed.
// Guarantees: every failure names the URL called and says why (HTTP status,
// not JSON, not a model list, timeout...), never a silent empty list; a key is
// sent only to the host it belongs to (its entry's or vendor's own host, or a
// loopback test override), and no result carries any 8-character piece of it;
// calls go through ./http.ts (timeout, size cap, no cross-host redirects).
//
// Tests point a vendor at a local server with BYOK_DISCOVERY_BASE_<VENDOR>
// (e.g. BYOK_DISCOVERY_BASE_NEAR_AI=http://127.0.0.1:4321): it replaces the
// scheme, host and port of the catalog URL and is honoured only for loopback
// hosts, so an environment variable cannot send a key anywhere else.
import { fail, type Auth, type Failure } from '../result.js';
import type { Warning } from '../codes.js';
import catalogVendorData from '../generated/catalog-vendors.js';
import { KeyLookup, resolveWorkspace } from '../registry/env.js';
import { keyPrompt } from '../registry/entry.js';
import { get, type Options } from '../registry/index.js';
import { commandsFor, type Commands } from '../registry/commands.js';
import { isLocalHost, keyEnvForHost } from '../hosts.js';
import { quoteArgument, rememberSecret, scrubResult } from '../secrets/index.js';
import { curatedModel, hostOf, vendorById, vendors, vendorServesHost } from './load.js';
import { CatalogVendorFile, type CatalogVendor, type ModelDiscovery, type Vendor } from './schema.js';
import { catalogFormat, normalisePage, sniffFormat, type CatalogModel } from './catalog/normalise.js';
import { errorMessageOf, httpCall, isLoopbackHost, parseJson, foreignText, shownUrl } from './http.js';

export type { CatalogModel };
export type { ListVendorModelsResult as Result } from './results.js';
import type { ListVendorModelsResult as Result } from './results.js';

export const CAPABILITIES = ['vision', 'function_calling', 'reasoning', 'web_search'] as const;
export type Capability = (typeof CAPABILITIES)[number];

export interface DiscoveryOptions extends Options {
  /** Replaces a vendor's catalog URL (loopback or the vendor's own host only); tests use a local server. */
  catalogUrl?: string;
  timeoutMs?: number;
  /** A registered entry: read {its base_url}/models with its auth. */
  modelId?: string;
  /** An endpoint about to be registered: read {baseUrl}/models. */
  baseUrl?: string;
  /** With baseUrl: the variable holding its key (default CUSTOM_KEY_<HOST>). */
  apiKeyEnv?: string;
  /** With baseUrl: where the key goes (default `Authorization: Bearer`). */
  auth?: Auth;
  /** Keep only models known to have this capability. */
  capability?: string;
  /** Keep only models whose input price is known and at most this (USD per 1M tokens). */
  maxInputUsd?: number;
}

const MAX_PAGES = 20;
const BEARER: Auth = { in: 'header', name: 'Authorization', scheme: 'Bearer' };

let catalogOnly: Map<string, CatalogVendor> | undefined;
/** The catalog-only vendors (vendors/catalogs/*.yaml), by id. */
export function catalogVendors(): Map<string, CatalogVendor> {
  if (!catalogOnly) {
    catalogOnly = new Map();
    for (const raw of catalogVendorData) {
      const v = CatalogVendorFile.parse(raw);
      catalogOnly.set(v.vendor, v);
    }
  }
  return catalogOnly;
}

type AnyVendor = { kind: 'template'; v: Vendor } | { kind: 'catalog'; v: CatalogVendor };

function findVendor(id: string): AnyVendor | undefined {
  const t = vendorById(id);
  if (t) return { kind: 'template', v: t };
  const c = catalogVendors().get(id.toLowerCase());
  return c ? { kind: 'catalog', v: c } : undefined;
}

function servesHost(v: { base_url: string; hosts: string[] }, host: string): boolean {
  const h = host.toLowerCase();
  return h === hostOf(v.base_url) || v.hosts.some((p) => (p.startsWith('.') ? h.endsWith(p) : h === p.toLowerCase()));
}

/** Every vendor (template or catalog-only) whose endpoint is this host. */
function vendorsServing(host: string): AnyVendor[] {
  const out: AnyVendor[] = [];
  for (const v of vendors().values()) if (vendorServesHost(v, host)) out.push({ kind: 'template', v });
  for (const v of catalogVendors().values()) if (servesHost(v, host)) out.push({ kind: 'catalog', v });
  return out;
}

/**
 * Why `keyEnv` must not be sent to `host`, or null when it may: a
 * CUSTOM_KEY_<HOST> variable belongs to that host only, and a vendor's
 * documented variable (OPENAI_API_KEY) to that vendor's hosts only.
 */
export function keyMisdirected(keyEnv: string, host: string): string | null {
  if (keyEnv.startsWith('CUSTOM_KEY_')) {
    return keyEnv === keyEnvForHost(host) ? null : `${keyEnv} holds the key registered for another host, and byok sends a stored key only to its own host (${host} reads ${keyEnvForHost(host)}).`;
  }
  const owners = [...vendors().values(), ...catalogVendors().values()].filter((v) => v.key_env === keyEnv);
  if (owners.length && !owners.some((v) => servesHost(v, host))) {
    return `${keyEnv} is ${owners[0].label}'s key variable, and byok does not send it to ${host}.`;
  }
  return null;
}

interface Target {
  vendor: string | null;
  label: string;
  url: string;
  format: string;
  auth: Auth;
  headers: Record<string, string>;
  /** Key variables to try, in order. */
  keyEnvs: string[];
  authRequired: boolean;
  /** Curated templates whose model lists decide in_curated_template (and TEE). */
  curated: Vendor[];
  filter?: string;
  /** How to run this again, for notes and need_env_input. */
  rerun: string;
  /** Set when the override was used: the key may go to the loopback test server. */
  override: boolean;
}

function envNameFor(vendor: string): string {
  return `BYOK_DISCOVERY_BASE_${vendor.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/** The catalog URL to call for a vendor, with the loopback override applied. */
export function catalogUrlFor(vendor: string, d: ModelDiscovery, override?: string): { url: string; overridden: boolean } | Failure {
  const envName = envNameFor(vendor);
  const base = override ?? process.env[envName];
  if (!base) return { url: d.url, overridden: false };
  let u: URL;
  try {
    u = new URL(base);
  } catch {
    return fail('usage', `${override ? 'The catalog URL' : envName} is not a URL.`);
  }
  const official = new URL(d.url);
  if (!isLoopbackHost(u.hostname) && u.host !== official.host) {
    return fail('usage', `${override ? 'The catalog URL' : envName} may only point at a loopback host (127.0.0.1, localhost) or ${official.host}.`);
  }
  if (override) return { url: u.toString(), overridden: isLoopbackHost(u.hostname) };
  return { url: `${u.protocol}//${u.host}${official.pathname}${official.search}`, overridden: true };
}

/**
 * `VENDOR --base-url URL`: the vendor's catalog read from another root (a
 * loopback test server or the vendor's own host, as catalogUrlFor enforces):
 * a bare origin keeps the catalog's path, a root with a path gets `/models`.
 */
function vendorBaseOverride(baseUrl: string, catalog: string): string {
  try {
    const u = new URL(String(baseUrl));
    const path = u.pathname.replace(/\/+$/, '');
    return path ? `${u.origin}${path}/models` : `${u.origin}${new URL(catalog).pathname}`;
  } catch {
    return String(baseUrl);
  }
}

function vendorTarget(found: AnyVendor, opts: DiscoveryOptions, cmd: Commands): Target | Failure {
  const v = found.v;
  const d = found.kind === 'template' ? found.v.model_discovery : found.v.model_discovery;
  if (!d) {
    const curated = (v as Vendor).models.map((m) => m.id);
    return { ...fail('no_discovery', `${v.label} publishes no model catalog byok can read; its curated models are: ${curated.join(', ')}.`), curated_models: curated } as Failure;
  }
  const where = catalogUrlFor(v.vendor, d, opts.catalogUrl ?? (opts.baseUrl ? vendorBaseOverride(opts.baseUrl, d.url) : undefined));
  if ('ok' in where) return where;
  const host = hostOf(v.base_url);
  return {
    vendor: v.vendor,
    label: v.label,
    url: where.url,
    format: d.format,
    auth: d.auth ?? v.auth,
    headers: { ...d.headers },
    keyEnvs: [keyEnvForHost(host), ...(v.key_env ? [v.key_env] : [])],
    authRequired: d.auth_required,
    curated: found.kind === 'template' ? [found.v] : vendorsServing(host).flatMap((x) => (x.kind === 'template' ? [x.v] : [])),
    filter: d.filter,
    rerun: cmd('list-vendor-models', [v.vendor]),
    override: where.overridden,
  };
}

function joinUrl(base: string, path: string, query: Record<string, string> = {}): string {
  const u = new URL(base.replace(/\/+$/, '') + path);
  for (const [k, val] of Object.entries(query)) u.searchParams.set(k, val);
  return u.toString();
}

/** A catalog for an endpoint (entry or base URL): a known vendor's catalog on the same host, else {base}/models. */
function endpointTarget(base: string, wire: string, auth: Auth, keyEnv: string | null, headers: Record<string, string>, query: Record<string, string>, rerun: string, vendorHint: string | null): Target {
  const host = hostOf(base);
  const known = vendorsServing(host);
  const preferred = known.find((k) => k.v.vendor === vendorHint) ?? known[0];
  const d = preferred?.v.model_discovery ?? null;
  const curated = known.flatMap((k) => (k.kind === 'template' ? [k.v] : []));
  if (preferred && d && hostOf(d.url) === host) {
    // The test override (BYOK_DISCOVERY_BASE_<VENDOR>, loopback only) applies here too.
    const where = catalogUrlFor(preferred.v.vendor, d);
    const moved = 'ok' in where ? null : where;
    return {
      vendor: preferred.v.vendor,
      label: preferred.v.label,
      url: moved?.url ?? d.url,
      format: d.format,
      // The vendor's catalog takes the vendor's auth (DeepSeek's /models wants Bearer even for an entry on its anthropic route).
      auth: auth.in === 'none' ? auth : (d.auth ?? preferred.v.auth),
      headers: { ...headers, ...d.headers },
      keyEnvs: keyEnv ? [keyEnv] : [],
      authRequired: d.auth_required && auth.in !== 'none',
      curated,
      filter: d.filter,
      rerun,
      override: moved?.overridden ?? false,
    };
  }
  const anthropic = wire === 'anthropic';
  return {
    vendor: preferred?.v.vendor ?? null,
    label: preferred?.v.label ?? host,
    url: joinUrl(base, anthropic ? '/v1/models' : '/models', query),
    format: anthropic ? 'anthropic' : 'auto',
    auth,
    headers: anthropic ? { 'anthropic-version': '2023-06-01', ...headers } : { ...headers },
    keyEnvs: keyEnv ? [keyEnv] : [],
    authRequired: auth.in !== 'none' && !!keyEnv && !isLocalHost(host),
    curated,
    rerun,
    override: false,
  };
}

function checkBaseUrl(raw: string): URL | Failure {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return fail('usage', '--base-url is not a URL; give the API root, e.g. https://api.example.com/v1.');
  }
  if (u.username || u.password) return fail('usage', '--base-url must not carry credentials; put the key in a variable and name it with --api-key-env.');
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && isLocalHost(u.hostname))) return fail('usage', '--base-url must be https (http only for loopback or private hosts).');
  return u;
}

async function resolveTarget(vendor: string | undefined, opts: DiscoveryOptions, cmd: Commands): Promise<Target | Failure> {
  // With a VENDOR, --base-url only moves where its catalog is read from (vendorBaseOverride).
  const named = [vendor ? 'VENDOR' : null, opts.modelId ? '--model-id' : null, opts.baseUrl && !vendor ? '--base-url' : null].filter(Boolean);
  if (named.length !== 1) {
    return fail('usage', named.length ? `Give one of VENDOR, --model-id or --base-url, not ${named.join(' and ')}.` : 'Give a VENDOR (see `byok templates`), --model-id ID (a registered entry) or --base-url URL.');
  }
  if (vendor !== undefined) {
    const found = findVendor(String(vendor));
    if (!found) {
      const ids = [...vendors().keys(), ...catalogVendors().keys()].join(', ');
      return fail('unknown_vendor', foreignText(`No vendor ${quoteArgument(vendor, 'vendor')}; list-vendor-models knows: ${ids}. For any other endpoint use --base-url URL or --model-id ID.`, [], 600));
    }
    return vendorTarget(found, opts, cmd);
  }
  if (opts.modelId) {
    const e = await get(opts.modelId, { workspace: opts.workspace, invocation: opts.invocation });
    if (!e.ok) return e as Failure;
    return endpointTarget(
      String(e.base_url),
      String(e.wire),
      e.auth as Auth,
      (e.api_key_env as string | null) ?? null,
      (e.headers as Record<string, string>) ?? {},
      (e.query as Record<string, string>) ?? {},
      cmd('list-vendor-models', [], { 'model-id': String(e.model_id) }),
      (e.vendor as string | null) ?? null,
    );
  }
  const u = checkBaseUrl(String(opts.baseUrl));
  if ('ok' in u) return u;
  const base = `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}`;
  const auth = opts.auth ?? (isLocalHost(u.hostname) && !opts.apiKeyEnv ? { in: 'none' as const } : BEARER);
  const keyEnv = auth.in === 'none' ? null : (opts.apiKeyEnv ?? keyEnvForHost(u.hostname));
  const query = Object.fromEntries(u.searchParams);
  return endpointTarget(base, 'openai', auth, keyEnv, {}, query, cmd('list-vendor-models', [], { 'base-url': base, ...(opts.apiKeyEnv ? { 'api-key-env': opts.apiKeyEnv } : {}) }), null);
}

function withAuth(url: URL, auth: Auth, key: string | undefined, headers: Record<string, string>): Record<string, string> {
  if (!key || auth.in === 'none') return headers;
  if (auth.in === 'query') {
    url.searchParams.set(auth.name, key);
    return headers;
  }
  return { ...headers, [auth.name]: auth.scheme ? `${auth.scheme} ${key}` : key };
}

/** Expands `${NAME}` header references (a gateway's second credential); the values are secrets. */
export function expandHeaders(headers: Record<string, string>, keys: KeyLookup, secrets: string[]): { headers: Record<string, string> } | { missing: string } {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    let missing: string | null = null;
    out[k] = v.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_m, name: string) => {
      const val = keys.value(name);
      if (!val) {
        missing ??= name;
        return '';
      }
      secrets.push(val);
      rememberSecret(val);
      return val;
    });
    if (missing) return { missing };
  }
  return { headers: out };
}

function discoveryFailure(message: string, url: string, reason: string, status: number | null, secrets: string[]): Failure & Record<string, unknown> {
  return { ...fail('discovery_failed', foreignText(message, secrets, 600)), url: shownUrl(url), status, reason };
}

export async function listVendorModels(vendor?: string, opts: DiscoveryOptions = {}): Promise<Result> {
  opts = opts ?? {};
  if (opts.capability !== undefined && !CAPABILITIES.includes(opts.capability as Capability)) {
    return fail('usage', `--capability takes one of ${CAPABILITIES.join(', ')}.`);
  }
  if (opts.maxInputUsd !== undefined && !(Number.isFinite(opts.maxInputUsd) && opts.maxInputUsd >= 0)) {
    return fail('usage', '--max-input-usd takes a price in USD per 1M input tokens, e.g. 1 or 0.5.');
  }
  const cmd = commandsFor(opts.invocation, resolveWorkspace(opts.workspace), opts.workspace !== undefined);
  const t = await resolveTarget(vendor === undefined || vendor === null ? undefined : String(vendor), opts, cmd);
  if ('ok' in t) return t;
  const curatedIds = t.curated.flatMap((v) => v.models.map((m) => m.id));
  const ws = resolveWorkspace(opts.workspace);
  const keys = new KeyLookup(ws);
  const secrets: string[] = [];
  const host = hostOf(t.url);

  // The key: the first variable that is set; never one that belongs to another host.
  let keyUsed: string | null = null;
  if (t.auth.in !== 'none') {
    for (const name of t.keyEnvs) {
      if (!t.override && keyMisdirected(name, host)) {
        if (name === t.keyEnvs[0] && (opts.apiKeyEnv || opts.modelId)) return fail('usage', keyMisdirected(name, host)!);
        continue;
      }
      if (keys.value(name)) {
        keyUsed = name;
        break;
      }
    }
  }
  const key = keyUsed ? keys.value(keyUsed) : undefined;
  if (key) {
    secrets.push(key);
    rememberSecret(key);
  }
  if (t.authRequired && !key) {
    const keyEnv = t.keyEnvs[0] ?? keyEnvForHost(host);
    const prompt = keyPrompt(keyEnv, t.label, `${t.label}'s model catalog`, `run ${t.rerun} again.`, keys);
    return {
      ...fail('key_not_set', `${t.label}'s model catalog (${shownUrl(t.url)}) needs the key, and ${keyEnv} is not set.`),
      url: shownUrl(t.url),
      ...(curatedIds.length ? { curated_models: curatedIds } : {}),
      ...(prompt ?? {}),
    };
  }
  const expanded = expandHeaders(t.headers, keys, secrets);
  if ('missing' in expanded) {
    return fail('key_not_set', `A header of this endpoint reads \${${expanded.missing}}, which is not set.`);
  }

  const timeoutMs = opts.timeoutMs ?? (Number(process.env.BYOK_DISCOVERY_TIMEOUT_MS) || undefined);
  const models: Omit<CatalogModel, 'in_curated_template'>[] = [];
  let format = t.format === 'auto' ? null : t.format;
  let listed = 0;
  let next: [string, string] | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const url = new URL(t.url);
    if (next) url.searchParams.set(next[0], next[1]);
    if (format === 'anthropic' && !url.searchParams.has('limit')) url.searchParams.set('limit', '1000');
    const headers = withAuth(url, t.auth, key, { accept: 'application/json', ...expanded.headers });
    const res = await httpCall({ method: 'GET', url: url.toString(), headers, timeoutMs, secrets });
    if (!res.ok) return discoveryFailure(res.message, t.url, res.kind, null, secrets);
    const shown = `GET ${res.url}`;
    const body = parseJson(res.text);
    if (res.status < 200 || res.status >= 300) {
      const msg = errorMessageOf(body) ?? res.text;
      const why = res.status === 401 || res.status === 403 ? (key ? ` (the key in ${keyUsed} was refused)` : ' (the catalog needs a key)') : '';
      return discoveryFailure(`${shown} answered HTTP ${res.status}${why}${msg ? `: ${foreignText(msg, secrets)}` : ''}.`, t.url, 'http_error', res.status, secrets);
    }
    if (body === undefined) return discoveryFailure(`${shown} answered HTTP ${res.status} but not with JSON (${foreignText(res.text, secrets, 60) || 'an empty body'}).`, t.url, 'not_json', res.status, secrets);
    let n = format ? normalisePage(body, format) : null;
    if (!n && page === 0) {
      // A vendor's declared format, or `auto`: sniff the shape actually served.
      const sniffed = sniffFormat(body);
      n = sniffed ? normalisePage(body, sniffed) : null;
      if (n) format = sniffed;
    }
    if (!n) return discoveryFailure(`${shown} answered JSON that is not a model list (no data, models or array of models).`, t.url, 'not_a_catalog', res.status, secrets);
    listed += n.listed;
    models.push(...n.models);
    next = n.next;
    if (!next) break;
  }

  const filter = t.filter ? new RegExp(t.filter) : null;
  const seen = new Set<string>();
  const tee = t.curated.find((v) => v.model_policy === 'tee');
  const all: CatalogModel[] = [];
  for (const m of models) {
    if ((filter && !filter.test(m.upstream_model)) || seen.has(m.upstream_model)) continue;
    seen.add(m.upstream_model);
    const c = t.curated.map((v) => curatedModel(v, m.upstream_model)).find(Boolean);
    const out: CatalogModel = { ...m, in_curated_template: !!c };
    if (tee) {
      // NEAR AI: only the curated open-weight models run inside a TEE; a catalog cannot promote another.
      const teeModel = curatedModel(tee, m.upstream_model);
      out.privacy = { ...out.privacy, tee: teeModel?.tee === true ? true : false };
      if (!teeModel?.tee) out.warnings = ['near_non_tee_model'];
    }
    all.push(out);
  }
  const shownModels = all.filter(
    (m) =>
      (opts.capability === undefined || m.capabilities[opts.capability as Capability] === true) &&
      (opts.maxInputUsd === undefined || (m.pricing.input_usd !== null && m.pricing.input_usd <= opts.maxInputUsd)),
  );
  const warnings: Warning[] = [];
  if (tee && all.some((m) => m.warnings)) {
    warnings.push({
      code: 'near_non_tee_model',
      message: `Models marked near_non_tee_model are served through ${tee.label}'s gateway without TEE private inference; only ${tee.models.filter((m) => m.tee).map((m) => m.id).join(', ')} are TEE-protected.`,
    });
  }
  if (listed === 0) warnings.push({ code: 'empty_catalog', message: `GET ${shownUrl(t.url)} answered an empty model list.` });
  else if (all.length === 0) warnings.push({ code: 'no_chat_models', message: `GET ${shownUrl(t.url)} listed ${listed} models, none of them a chat model byok can register.` });
  const filters = {
    ...(opts.capability !== undefined ? { capability: opts.capability } : {}),
    ...(opts.maxInputUsd !== undefined ? { max_input_usd: opts.maxInputUsd } : {}),
  };
  const result = {
    ok: true as const,
    vendor: t.vendor,
    url: shownUrl(t.url),
    format,
    count: shownModels.length,
    models: shownModels,
    ...(Object.keys(filters).length ? { filters, total: all.length } : {}),
    ...(curatedIds.length ? { curated_models: curatedIds } : {}),
    key_env_used: keyUsed,
    warnings,
    note: Object.keys(filters).length
      ? `${shownModels.length} of ${all.length} models match; a model whose capability or price the catalog does not state (null) is left out.`
      : t.vendor && vendorById(t.vendor)
        ? `Register one with ${cmd('add-template', [t.vendor], { 'upstream-model': 'ID' })}.`
        : `Register one with ${cmd('add', [], { 'base-url': t.url.replace(/\/(v1\/)?models(\?.*)?$/, ''), 'upstream-model': 'ID' })}.`,
  };
  for (const sct of secrets) rememberSecret(sct);
  return scrubResult(result);
}

export { catalogFormat };
