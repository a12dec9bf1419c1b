// Thinking / reasoning controls: which capability rule applies to a draft and
// which body fields are its controls. All knowledge is in grammar/thinking.yaml
// (rules, field index, always-on models) and grammar/hosts.yaml (host -> rule);
// see the header of grammar/thinking.yaml for the selection order.
import thinkingData from '../generated/thinking.js';
import type { Warning } from '../codes.js';
import { lowerCaseRegExp, refersToGroups } from '../text.js';

type Rule = (typeof thinkingData.rules)[number];

// Every pattern here is matched against lower-cased text (chooseRule lower-cases the host and model).
const rx = (list: readonly string[] | undefined) => (list ?? []).map((p) => lowerCaseRegExp(`^(?:${p})$`));
// hostAny / modelAny: each rule's patterns as one test (anyOf), or null to test them one by one.
const RULES = thinkingData.rules.map((r) => ({
  ...r,
  hostRe: rx(r.hosts),
  modelRe: rx(r.models),
  hostAny: r.hosts?.length ? anyOf(r.hosts) : null,
  modelAny: r.models?.length ? anyOf(r.models) : null,
}));
/** Rule id -> the rules with that id, in table order. */
const RULES_BY_ID = new Map<string, typeof RULES>();
for (const r of RULES) {
  const list = RULES_BY_ID.get(r.id);
  if (list) list.push(r);
  else RULES_BY_ID.set(r.id, [r]);
}
const GLOBAL_FIELDS = new Set(thinkingData.fields);
const ALWAYS_ON = rx(thinkingData.always_on_models);
/**
 * Whether any of `patterns` matches in full, as one alternation (one test, not one per
 * pattern); null when a pattern refers to a group (joined, the numbers would shift).
 */
function anyOf(patterns: readonly string[]): RegExp | null {
  if (patterns.some(refersToGroups)) return null;
  // Anchored once around the alternation (each alternative still must match in full).
  return lowerCaseRegExp(patterns.length ? `^(?:${patterns.map((p) => `(?:${p})`).join('|')})$` : '(?!)');
}
/** Every rule's model patterns: a model none matches skips the model-specific rules. */
const ANY_RULE_MODEL = anyOf(thinkingData.rules.flatMap((r) => r.models ?? []));
const ANY_ALWAYS_ON = anyOf(thinkingData.always_on_models);
/** Rule id -> the fields of the rules with that id. */
const RULE_FIELDS = new Map<string, Set<string>>();
for (const r of RULES) {
  const set = RULE_FIELDS.get(r.id) ?? new Set<string>();
  for (const f of r.fields ?? []) set.add(f);
  RULE_FIELDS.set(r.id, set);
}

export interface ThinkingResult {
  capability: string;
  mode: 'enabled' | 'disabled' | 'auto';
  params: Record<string, unknown>;
  warnings: Warning[];
}

/** Flattens a JSON object into dotted paths of its leaves (arrays stay leaves). */
export function flatten(obj: unknown, prefix = '', out: Record<string, unknown> = {}, depth = 0): Record<string, unknown> {
  if (depth > 20) return out;
  if (obj && typeof obj === 'object' && !Array.isArray(obj)) {
    // Object.keys and an index loop (the order of Object.entries), no entry arrays.
    const o = obj as Record<string, unknown>;
    const keys = Object.keys(o);
    if (!keys.length && prefix) out[prefix] = obj;
    for (let i = 0; i < keys.length; i++) flatten(o[keys[i]], prefix ? prefix + '.' + keys[i] : keys[i], out, depth + 1);
  } else if (prefix) out[prefix] = obj;
  return out;
}

/** True when `path` is a thinking control under any rule (or the given one). */
export function isThinkingPath(path: string, ruleId?: string): boolean {
  if (GLOBAL_FIELDS.has(path)) return true;
  return !!ruleId && (RULE_FIELDS.get(ruleId)?.has(path) ?? false);
}

function wireOk(r: Rule, wire: string): boolean {
  return r.wire === 'any' || r.wire === wire;
}

/** The body's dotted paths come in `opts.paths` or, without a copy of `opts`, as `pathList`. */
export function chooseRule(
  opts: { host: string | null; hostRule: string | null | undefined; model: string | null; wire: string; paths?: string[] },
  pathList: string[] = opts.paths ?? [],
): Rule {
  const host = (opts.host ?? '').toLowerCase();
  const model = (opts.model ?? '').toLowerCase();
  // 1. model-specific rules (none when no rule's model pattern matches the model)
  if (!ANY_RULE_MODEL || ANY_RULE_MODEL.test(model)) for (let i = 0; i < RULES.length; i++) {
    const r = RULES[i];
    if (!r.modelRe.length || !model || !wireOk(r, opts.wire)) continue;
    if (r.hostRe.length && !(r.hostAny ? r.hostAny.test(host) : r.hostRe.some((re) => re.test(host)))) continue;
    if (r.modelAny ? r.modelAny.test(model) : r.modelRe.some((re) => re.test(model))) return r;
  }
  // 2. the host's rule
  if (opts.hostRule) {
    // A host rule for another wire (SambaNova's chat-template switch on its Anthropic-style
    // messages endpoint) does not apply; the field fallbacks below decide.
    const rules = RULES_BY_ID.get(opts.hostRule);
    if (rules) for (let i = 0; i < rules.length; i++) if (wireOk(rules[i], opts.wire)) return rules[i];
  }
  // 3. by field, for hosts we know nothing about: most matching fields, then rank
  let best: { r: Rule; n: number } | null = null;
  let paths: Set<string> | null = null;
  for (let i = 0; i < RULES.length; i++) {
    const r = RULES[i];
    if (r.fallback === undefined || !wireOk(r, opts.wire)) continue;
    let n = 0;
    const fields = r.fields;
    if (fields && fields.length && pathList.length) {
      paths ??= new Set(pathList);
      for (let i = 0; i < fields.length; i++) if (paths.has(fields[i])) n++;
    }
    if (n && (!best || n > best.n || (n === best.n && r.fallback < (best.r.fallback ?? 99)))) best = { r, n };
  }
  if (best) return best.r;
  if (model && (ANY_ALWAYS_ON ? ANY_ALWAYS_ON.test(model) : ALWAYS_ON.some((re) => re.test(model)))) return RULES_BY_ID.get('always_on')![0];
  return RULES_BY_ID.get('none')![0];
}

function valueEquals(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  return a === b;
}

/**
 * Whether the body sets any of `switches` (a path to the value it must equal;
 * with `anyValue`, a switch without a value is set by any value).
 */
function anySet(switches: readonly { path: string; equals?: unknown }[] | undefined, flat: Record<string, unknown>, anyValue: boolean): boolean {
  if (!switches) return false;
  for (let i = 0; i < switches.length; i++) {
    const o = switches[i];
    if (o.path in flat && ((anyValue && o.equals === undefined) || valueEquals(flat[o.path], o.equals))) return true;
  }
  return false;
}

export function analyseThinking(body: Record<string, unknown>, opts: { host: string | null; hostRule: string | null | undefined; model: string | null; wire: string }): ThinkingResult {
  const flat = flatten(body);
  const paths = Object.keys(flat);
  const rule = chooseRule(opts, paths);
  const params: Record<string, unknown> = {};
  for (let i = 0; i < paths.length; i++) if (isThinkingPath(paths[i], rule.id)) params[paths[i]] = flat[paths[i]];
  const warnings: ThinkingResult['warnings'] = [];
  let mode: ThinkingResult['mode'] = 'auto';
  const off = anySet(rule.off, flat, false) || (!!rule.always_on && anySet(thinkingData.generic_off, flat, false));
  const on = anySet(rule.on, flat, true);
  if (rule.always_on) {
    mode = 'enabled';
    if (off) warnings.push({ code: 'thinking_always_on', message: `The model always reasons (${rule.id}); the request to switch thinking off has no effect.` });
  } else if (off) mode = 'disabled';
  else if (on) mode = 'enabled';
  // A value the vendor documents as "the model decides" (Volcengine `thinking.type: auto`) keeps the mode auto.
  const leftToModel = anySet(rule.auto, flat, false);
  // A generic off switch for rules that list no `off` pattern for the path used.
  if (mode === 'auto' && !rule.always_on && !leftToModel) {
    if (anySet(thinkingData.generic_off, flat, false)) mode = 'disabled';
    else if (Object.keys(params).length) mode = 'enabled';
  }
  return { capability: rule.id, mode, params, warnings };
}
