// The curated vendor templates, loaded from the compiled module
// (src/generated/vendors.ts, built from vendors/*.yaml), parsed with the
// template schema once per process, and indexed by id and by host.
// Guarantee: `templateProblems` lists every inconsistency a template can have
// (unknown thinking rule, default model not curated, a URL without a source);
// the vendors test asserts it is empty for each file.
import data from '../generated/vendors.js';
import thinking from '../generated/thinking.js';
import { VendorFile, type Vendor, type VendorModel } from './schema.js';
import { hostOfUrl } from '../hosts.js';

let cache: Map<string, Vendor> | undefined;

/** Every template, by id. Throws if a compiled template is invalid (a build error, not user input). */
export function vendors(): Map<string, Vendor> {
  if (!cache) {
    cache = new Map();
    for (const raw of data) {
      const v = VendorFile.parse(raw);
      cache.set(v.vendor, v);
    }
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

/** Consistency checks beyond the schema; empty when the template is sound. */
export function templateProblems(raw: unknown): string[] {
  const r = VendorFile.safeParse(raw);
  if (!r.success) return r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  const v = r.data;
  const out: string[] = [];
  if (!curatedModel(v, v.default_model)) out.push(`default_model ${v.default_model} is not in models`);
  if (!isThinkingRule(v.thinking)) out.push(`thinking rule ${v.thinking} is not in grammar/thinking.yaml`);
  const ids = new Set<string>();
  for (const m of v.models) {
    if (ids.has(m.id)) out.push(`model ${m.id} is listed twice`);
    ids.add(m.id);
    if (m.thinking_capability && !isThinkingRule(m.thinking_capability)) out.push(`model ${m.id}: thinking rule ${m.thinking_capability} is unknown`);
    if (m.thinking_mode !== 'auto' && Object.keys(m.thinking_params).length === 0 && (m.thinking_capability ?? v.thinking) !== 'always_on' && (m.thinking_capability ?? v.thinking) !== 'none') {
      out.push(`model ${m.id}: thinking_mode ${m.thinking_mode} needs thinking_params saying what to send`);
    }
  }
  if (v.model_discovery && !v.sources.model_discovery) out.push('model_discovery has no source');
  if (!v.model_discovery && v.sources.model_discovery) out.push('sources.model_discovery given without model_discovery');
  if (v.model_discovery?.filter) {
    try {
      new RegExp(v.model_discovery.filter);
    } catch {
      out.push('model_discovery.filter is not a valid regex');
    }
  }
  if (v.model_policy === 'tee' && v.models.some((m) => !m.tee)) out.push('model_policy tee: every curated model must be tee: true');
  return out;
}
