// Consistency checks of a curated template (vendors/*.yaml): the schema, and
// what the schema cannot say. Used by the tests (test/vendors.test.ts asserts
// an empty list for every file), never on a command's path (it loads zod).
// Guarantee: `templateProblems` lists every inconsistency a template can have
// (unknown thinking rule, default model not curated, a URL without a source).
import { curatedModel, isThinkingRule } from './load.js';
import { VendorFile } from './schema.js';

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
