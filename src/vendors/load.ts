// The curated vendor templates, loaded from the compiled module
// (src/generated/vendors.ts, built from vendors/*.yaml) with the schema's
// defaults applied, and indexed by id and by host.
// Guarantees: loads no zod (`templates`, `list` and `get` start without it):
// the compiled data is checked against the template schema by tsc (its input
// type) and by test/vendors.test.ts (`templateProblems` in ./check.ts, and
// `withDefaults` equal to the schema's parse for every template).
import data from '../generated/vendors.js';
import thinking from '../generated/thinking.js';
import type { Vendor, VendorFile, VendorModel } from './schema.js';
import { hostOfUrl } from '../hosts.js';

/** The template schema's defaults (./schema.ts), applied without zod: a test holds it equal to `VendorFile.parse`. */
export function withDefaults(raw: VendorFile): Vendor {
  return {
    hosts: [],
    capabilities: {},
    headers: {},
    request_params: {},
    model_policy: 'open',
    ...raw,
    models: raw.models.map((m) => ({ thinking_mode: 'auto', thinking_params: {}, capabilities: {}, max_tokens: null, ...m })),
    model_discovery: raw.model_discovery ? { headers: {}, format: 'auto', ...raw.model_discovery } : null,
  } as Vendor;
}

let cache: Map<string, Vendor> | undefined;

/** Every template, by id. */
export function vendors(): Map<string, Vendor> {
  if (!cache) {
    cache = new Map();
    for (const raw of data) cache.set(raw.vendor, withDefaults(raw));
  }
  return cache;
}

export function vendorById(id: string): Vendor | undefined {
  return vendors().get(id.toLowerCase());
}

/** The hostname of a URL ('' when it is not one): src/hosts.ts. */
export const hostOf = hostOfUrl;

/** Hosts a vendor's key may be sent to: its base_url host and `hosts` (a leading dot = any subdomain). */
export function vendorServesHost(v: Vendor, host: string): boolean {
  const h = host.toLowerCase();
  if (h === hostOf(v.base_url)) return true;
  return v.hosts.some((p) => (p.startsWith('.') ? h.endsWith(p) : h === p.toLowerCase()));
}

/** Templates whose endpoint is this host (gemini and gemma share one). */
export function vendorsForHost(host: string): Vendor[] {
  return [...vendors().values()].filter((v) => vendorServesHost(v, host));
}

export function curatedModel(v: Vendor, id: string): VendorModel | undefined {
  return v.models.find((m) => m.id === id);
}

const RULE_IDS = new Set<string>([...thinking.rules.map((r) => r.id), 'none', 'always_on']);

export function isThinkingRule(id: string): boolean {
  return RULE_IDS.has(id);
}
