// Catalog pages -> normalised models, driven by grammar/catalog-formats.yaml
// (compiled into src/generated/catalog-formats.ts). This file knows the getter
// language of that file and nothing about any vendor.
// Guarantees: a page that is not the format's shape is `null` (the caller
// reports it; never an empty list); every normalised field is a value the
// catalog gave or null (unknown), never a guess; prices are USD per 1M tokens;
// linear in the page size.
import data from '../../generated/catalog-formats.js';
import { CatalogFormats, type CatalogFormat, type Getter } from '../schema.js';

export interface CatalogModel {
  upstream_model: string;
  name: string | null;
  context_tokens: number | null;
  max_output_tokens: number | null;
  capabilities: { vision: boolean | null; function_calling: boolean | null; reasoning: boolean | null; web_search: boolean | null };
  /** USD per 1M tokens. */
  pricing: { input_usd: number | null; output_usd: number | null };
  privacy: { tee: boolean | null; e2ee: boolean | null; data_retention: string | null };
  in_curated_template: boolean;
  warnings?: string[];
}

let parsed: ReturnType<typeof CatalogFormats.parse> | undefined;
function table() {
  parsed ??= CatalogFormats.parse(data);
  return parsed;
}

export function formatNames(): string[] {
  return Object.keys(table().formats);
}

export function catalogFormat(name: string): CatalogFormat | undefined {
  return Object.hasOwn(table().formats, name) ? table().formats[name] : undefined;
}

function at(obj: unknown, path: string): unknown {
  if (path === '') return obj;
  let cur = obj;
  for (const part of path.split('.')) {
    if (!cur || typeof cur !== 'object' || Array.isArray(cur) || !Object.hasOwn(cur, part)) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function num(v: unknown): number | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : null;
}

/** Rounds away float noise from unit conversion (0.15000000000000002 -> 0.15). */
const tidy = (n: number) => Number(n.toPrecision(12));

function apply(g: Getter, item: unknown): unknown {
  if (typeof g === 'string') return at(item, g);
  const v = at(item, g.path);
  if (v === undefined || v === null) return undefined;
  if (g.has !== undefined) return Array.isArray(v) ? v.includes(g.has) : typeof v === 'string' ? v.split(/[,\s]+/).includes(g.has) : undefined;
  if ('equals' in g && g.equals !== undefined) return v === g.equals;
  if (g.map) return typeof v === 'string' && Object.hasOwn(g.map, v) ? g.map[v] : undefined;
  if (g.per_tokens) {
    const n = num(v);
    return n === null || n < 0 ? undefined : tidy((n * 1_000_000) / g.per_tokens);
  }
  if (g.scaled) {
    const amount = num(at(v, 'amount'));
    const scale = num(at(v, 'scale'));
    return amount === null || scale === null || amount < 0 ? undefined : tidy(amount * 10 ** (6 - scale));
  }
  if (g.strip_prefix !== undefined) return typeof v === 'string' && v.startsWith(g.strip_prefix) ? v.slice(g.strip_prefix.length) : v;
  return v;
}

type Kind = 'string' | 'count' | 'bool' | 'price';
function first(getters: Getter[], item: unknown, kind: Kind): string | number | boolean | null {
  for (const g of getters) {
    const v = apply(g, item);
    if (kind === 'string' && typeof v === 'string' && v.trim()) return v;
    if (kind === 'bool' && typeof v === 'boolean') return v;
    if (kind === 'count') {
      const n = num(v);
      if (n !== null && n > 0 && Number.isInteger(n)) return n;
    }
    if (kind === 'price' && typeof v === 'number' && Number.isFinite(v)) return v;
  }
  return null;
}

/** One catalog item -> a normalised model, or null when it names no model or is not a chat model (`keep`). */
export function normaliseItem(item: unknown, f: CatalogFormat): Omit<CatalogModel, 'in_curated_template'> | null {
  if (typeof item === 'string') item = { id: item };
  if (!item || typeof item !== 'object' || Array.isArray(item)) return null;
  for (const k of f.keep) {
    const v = apply(k, item);
    if (v !== undefined && v !== null && v !== true) return null;
  }
  const F = f.fields;
  const id = first(F.upstream_model, item, 'string') as string | null;
  if (!id) return null;
  return {
    upstream_model: id,
    name: first(F.name, item, 'string') as string | null,
    context_tokens: first(F.context_tokens, item, 'count') as number | null,
    max_output_tokens: first(F.max_output_tokens, item, 'count') as number | null,
    capabilities: {
      vision: first(F.vision, item, 'bool') as boolean | null,
      function_calling: first(F.function_calling, item, 'bool') as boolean | null,
      reasoning: first(F.reasoning, item, 'bool') as boolean | null,
      web_search: first(F.web_search, item, 'bool') as boolean | null,
    },
    pricing: { input_usd: first(F.input_usd, item, 'price') as number | null, output_usd: first(F.output_usd, item, 'price') as number | null },
    privacy: {
      tee: first(F.tee, item, 'bool') as boolean | null,
      e2ee: first(F.e2ee, item, 'bool') as boolean | null,
      data_retention: first(F.data_retention, item, 'string') as string | null,
    },
  };
}

/** The format a page is in, for `auto`: the first of `sniff` whose list exists (and whose `detect` field the first item has). */
export function sniffFormat(body: unknown): string | null {
  for (const name of table().sniff) {
    const f = catalogFormat(name);
    if (!f) continue;
    const list = at(body, f.list);
    if (!Array.isArray(list)) continue;
    if (!f.detect) return name;
    const firstObj = list.find((x) => x && typeof x === 'object');
    if (firstObj && at(firstObj, f.detect) !== undefined) return name;
  }
  return null;
}

export interface Page {
  models: Omit<CatalogModel, 'in_curated_template'>[];
  /** Query parameter for the next page, when the format pages and there is one. */
  next?: [string, string];
  /** Items in the list before `keep` (so "0 chat models of 12" can be told from an empty list). */
  listed: number;
}

/** One page in a known format; null when the body is not that shape or no item in its list names a model. */
export function normalisePage(body: unknown, formatName: string): Page | null {
  const f = catalogFormat(formatName);
  if (!f) return null;
  const list = at(body, f.list);
  if (!Array.isArray(list)) return null;
  const models: Page['models'] = [];
  let named = 0;
  for (const item of list) {
    const obj = typeof item === 'string' ? { id: item } : item;
    if (obj && typeof obj === 'object' && !Array.isArray(obj) && first(f.fields.upstream_model, obj, 'string')) named++;
    const m = normaliseItem(item, f);
    if (m) models.push(m);
  }
  // A list none of whose items names a model is not a catalog (an error page's array, say).
  if (list.length > 0 && named === 0) return null;
  let next: [string, string] | undefined;
  if (f.paging) {
    const token = at(body, f.paging.next_from);
    const go = f.paging.when ? at(body, f.paging.when) === true : true;
    if (go && typeof token === 'string' && token) next = [f.paging.param, token];
  }
  return { models, next, listed: list.length };
}
