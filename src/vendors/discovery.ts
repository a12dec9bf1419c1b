// Live model discovery: GET a vendor's catalog and normalise it to a list of
// ids. Shapes understood: OpenAI-style `{data: [{id}]}`, a bare array of ids
// or objects, Gemini's `{models: [{name: "models/x"}]}` and Anthropic's paged
// `{data, has_more, last_id}` (followed with `after_id`).
// Guarantees: every failure is reported with the URL called (never a silent
// empty list); the call times out; redirects are not followed (a redirect
// could carry the key to another host); the key is never put in a result,
// and a vendor error message that echoes it is scrubbed.
//
// Tests point a vendor at a local server with BYOK_DISCOVERY_BASE_<VENDOR>
// (e.g. BYOK_DISCOVERY_BASE_NEAR_AI=http://127.0.0.1:4321): it replaces the
// scheme, host and port of the catalog URL and is honoured only for loopback
// hosts, so an environment variable cannot send a key anywhere else.
import { fail, type Failure } from '../result.js';
import type { Auth } from '../result.js';
import type { Vendor } from './schema.js';
import { redactKeys } from '../secrets/index.js';

export interface CatalogModel {
  id: string;
  /** Display name, when the catalog gives one. */
  name?: string;
}

export interface CatalogOk {
  ok: true;
  url: string;
  models: CatalogModel[];
}

export interface FetchOptions {
  /** The key, when one is available; sent as the catalog's auth. */
  key?: string;
  /** Replaces the catalog URL (library callers, tests). Loopback or the vendor's own host only. */
  catalogUrl?: string;
  timeoutMs?: number;
}

const MAX_PAGES = 20;
const MAX_BYTES = 8 * 1024 * 1024;

function isLoopback(u: URL): boolean {
  const h = u.hostname.replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\./.test(h);
}

/** The catalog URL to call, with the test override applied. */
export function catalogUrlFor(v: Vendor, override?: string): string | Failure {
  const d = v.model_discovery!;
  const envName = `BYOK_DISCOVERY_BASE_${v.vendor.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
  const base = override ?? process.env[envName];
  if (!base) return d.url;
  let u: URL;
  try {
    u = new URL(base);
  } catch {
    return fail('usage', `${override ? 'catalogUrl' : envName} is not a URL.`);
  }
  const official = new URL(d.url);
  if (!isLoopback(u) && u.host !== official.host) {
    return fail('usage', `${override ? 'catalogUrl' : envName} may only point at a loopback host (127.0.0.1, localhost) or ${official.host}.`);
  }
  if (override) return u.toString();
  return `${u.protocol}//${u.host}${official.pathname}${official.search}`;
}

function authHeaders(auth: Auth, key: string | undefined, url: URL): Record<string, string> {
  if (!key || auth.in === 'none') return {};
  if (auth.in === 'query') {
    url.searchParams.set(auth.name, key);
    return {};
  }
  return { [auth.name]: auth.scheme ? `${auth.scheme} ${key}` : key };
}

function scrub(text: string, key: string | undefined): string {
  let t = text.replace(/\s+/g, ' ').trim();
  if (key && key.length >= 6) t = t.split(key).join('[redacted]');
  return redactKeys(t).slice(0, 200);
}

function errorMessage(body: unknown): string | null {
  if (!body || typeof body !== 'object') return null;
  const e = (body as { error?: unknown; message?: unknown; detail?: unknown }).error ?? (body as { message?: unknown }).message ?? (body as { detail?: unknown }).detail;
  if (typeof e === 'string') return e;
  if (e && typeof e === 'object' && typeof (e as { message?: unknown }).message === 'string') return (e as { message: string }).message;
  return null;
}

/** Normalises one catalog page; null when the shape is not a model list. */
export function normaliseCatalog(body: unknown, format: string): { models: CatalogModel[]; next?: string } | null {
  const pick = (x: unknown): CatalogModel | null => {
    if (typeof x === 'string') return { id: x };
    if (!x || typeof x !== 'object') return null;
    const o = x as Record<string, unknown>;
    const raw = typeof o.id === 'string' ? o.id : typeof o.name === 'string' ? o.name : typeof o.model === 'string' ? o.model : null;
    if (!raw) return null;
    const id = raw.startsWith('models/') ? raw.slice('models/'.length) : raw;
    const name = typeof o.display_name === 'string' ? o.display_name : typeof o.displayName === 'string' ? o.displayName : typeof o.name === 'string' && o.name !== raw ? o.name : undefined;
    return name ? { id, name } : { id };
  };
  const list = (arr: unknown[]) => arr.map(pick).filter((m): m is CatalogModel => m !== null);
  if (Array.isArray(body)) return { models: list(body) };
  if (!body || typeof body !== 'object') return null;
  const o = body as Record<string, unknown>;
  if ((format === 'gemini' || format === 'auto') && Array.isArray(o.models)) {
    return { models: list(o.models), next: typeof o.nextPageToken === 'string' && o.nextPageToken ? `pageToken=${encodeURIComponent(o.nextPageToken)}` : undefined };
  }
  if (Array.isArray(o.data)) {
    const paged = o.has_more === true && typeof o.last_id === 'string';
    return { models: list(o.data), next: paged ? `after_id=${encodeURIComponent(o.last_id as string)}` : undefined };
  }
  return null;
}

/** GETs the vendor's catalog (all pages) and normalises it. */
export async function fetchCatalog(v: Vendor, opts: FetchOptions = {}): Promise<CatalogOk | Failure> {
  const d = v.model_discovery;
  if (!d) return fail('no_discovery', `${v.label} publishes no model catalog byok can read; its curated models are the list.`);
  const target = catalogUrlFor(v, opts.catalogUrl);
  if (typeof target !== 'string') return target;
  const shown = target;
  const auth = d.auth ?? v.auth;
  const timeoutMs = opts.timeoutMs ?? (Number(process.env.BYOK_DISCOVERY_TIMEOUT_MS) || 15_000);
  const models: CatalogModel[] = [];
  let next: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const url = new URL(target);
    if (next) for (const [k, val] of new URLSearchParams(next)) url.searchParams.set(k, val);
    if (d.format === 'anthropic' && !url.searchParams.has('limit')) url.searchParams.set('limit', '1000');
    const headers: Record<string, string> = { accept: 'application/json', ...d.headers, ...authHeaders(auth, opts.key, url) };
    let res: Response;
    try {
      res = await fetch(url, { headers, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    } catch (e) {
      const err = e as Error & { cause?: { code?: string } };
      const why =
        err.name === 'TimeoutError' || err.name === 'AbortError'
          ? `no answer within ${timeoutMs} ms`
          : (err.cause?.code ?? err.message.split('\n')[0]);
      return fail('discovery_failed', `GET ${shown} failed: ${scrub(why, opts.key)}.`);
    }
    if (res.status >= 300 && res.status < 400) {
      return fail('discovery_failed', `GET ${shown} answered a redirect (HTTP ${res.status}); byok does not follow it, so the key stays with ${new URL(target).host}.`);
    }
    const text = await res.text().catch(() => '');
    if (text.length > MAX_BYTES) return fail('discovery_failed', `GET ${shown} answered more than ${MAX_BYTES / 1048576} MB.`);
    let body: unknown = undefined;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    if (!res.ok) {
      const msg = errorMessage(body) ?? text;
      const hint = res.status === 401 || res.status === 403 ? (opts.key ? ' (the key was refused)' : ' (the catalog needs the key)') : '';
      return fail('discovery_failed', `GET ${shown} answered HTTP ${res.status}${hint}${msg ? `: ${scrub(msg, opts.key)}` : ''}.`);
    }
    if (body === undefined) return fail('discovery_failed', `GET ${shown} answered HTTP ${res.status} but not with JSON.`);
    const n = normaliseCatalog(body, d.format);
    if (!n) return fail('discovery_failed', `GET ${shown} answered JSON without a model list (no data, models or array).`);
    models.push(...n.models);
    next = n.next;
    if (!next) break;
  }
  const filter = d.filter ? new RegExp(d.filter) : null;
  const seen = new Set<string>();
  const out = models.filter((m) => (!filter || filter.test(m.id)) && !seen.has(m.id) && seen.add(m.id));
  return { ok: true, url: shown, models: out };
}
