// Entry ids and key-variable names, both derived from the endpoint so that
// registering the same model twice lands on the same entry and one host
// shares one key.
//
// Decision (documented in the README): `api_key_env` is `CUSTOM_KEY_<HOST>`
// for drafts AND for curated templates. A template could have used the
// vendor's own name (DEEPSEEK_API_KEY), but then a key exported for another
// tool would silently be picked up, and two templates on one host (gemini,
// gemma) would need two copies of one key. One key per host also makes the
// "key sent to another vendor" check a plain name comparison.
import { crypto } from '../lazy-builtins.js';
import { keyEnvForHost } from '../hosts.js';
import { trimEndOf } from '../text.js';
import { findKeyShaped } from '../secrets/index.js';

/** `CUSTOM_KEY_<HOST>`, port dropped: the one rule, in src/hosts.ts. */
export { keyEnvForHost };

/** Scheme and host lower-cased, trailing slashes dropped: the form stored and hashed. Throws on a URL that does not parse. */
export function normalizeBaseUrl(raw: string): string {
  // `add` compares the new entry with every entry of the registry: one URL parse per distinct base URL, not per entry.
  let n = normalized.get(raw);
  if (n === undefined) {
    const u = new URL(raw);
    n = `${u.protocol}//${u.host.toLowerCase()}${trimEndOf(u.pathname, '/')}`;
    if (normalized.size >= 1024) normalized.clear();
    normalized.set(raw, n);
  }
  return n;
}
const normalized = new Map<string, string>();

/**
 * The model id lower-cased into `a-z0-9-`, at most 48 characters. Lower-casing
 * can turn a model id that is no key into a key shape (`SK-` + 32 upper-case
 * hex becomes `sk-` + 32 hex): then the random-looking segments (8+ characters
 * holding a digit) are dropped, so an entry id is never key-shaped and the
 * registry never refuses its own id.
 */
export function slugOf(model: string): string {
  const cut = (t: string) => t.replace(/^-+|-+$/g, '').slice(0, 48).replace(/-+$/, '');
  let s = cut(model.toLowerCase().replace(/[^a-z0-9]+/g, '-'));
  if (s && findKeyShaped(`custom/${s}-0000`)) {
    s = cut(s.split('-').filter((seg) => seg.length < 8 || !/[0-9]/.test(seg)).join('-'));
    if (findKeyShaped(`custom/${s}-0000`)) s = '';
  }
  return s || 'model';
}

/** Identity of an endpoint + model: two entries with the same identity are one. */
export function identityOf(baseUrl: string, model: string): string {
  return `${normalizeBaseUrl(baseUrl)}\n${model}`;
}

/**
 * `custom/<slug>-<4 hex>`. `taken(id)` answers whether the id already belongs
 * to a different endpoint+model; then the next 4 hex of the hash are used, so
 * the choice stays deterministic.
 */
export function entryId(baseUrl: string, model: string, taken: (id: string) => boolean = () => false): string {
  const hex = crypto().createHash('sha256').update(identityOf(baseUrl, model)).digest('hex');
  const slug = slugOf(model);
  for (let i = 0; i + 4 <= hex.length; i += 4) {
    const id = `custom/${slug}-${hex.slice(i, i + 4)}`;
    if (!taken(id)) return id;
  }
  throw new Error('no free id'); // 16 collisions in a row: not reachable with real data
}
