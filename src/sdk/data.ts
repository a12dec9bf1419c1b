// Lookups over the compiled SDK data (grammar/sdks/*.yaml -> src/generated/sdks*.ts)
// for both code front-ends: which binding a qualified name constructs or
// calls, where a method sends its request, which route a router's
// `provider/model` prefix takes, which names are known but not supported.
// The data is vendor knowledge; this file only looks it up, the same way for
// every language (a language differs only in how names are spelled:
// `openai.OpenAI` in Python, `openai:OpenAI` in JavaScript).
// Each language's bindings are a module of their own
// (src/generated/sdks-python.ts, sdks-javascript.ts), which that language's
// walker hands to `useSdks` when it loads: a Python paste never loads the
// JavaScript bindings (start-up: reading and parsing them cost a few ms).
// A lookup for a language whose bindings were not handed over is a
// programmer error and throws.
import shared from '../generated/sdks.js';
import type { SdkEndpointOut as Endpoint, Route, Sdk, SdkTable } from '../data/schemas.js';

export type { Endpoint, Route, Sdk };
export type Language = Sdk['language'];

interface LanguageTable {
  table: SdkTable;
  /** Positions of the bindings a name can select (no fallback), in lookup order. */
  plain: number[];
  names: NameIndex<number>;
  fallback: number;
  /** Bindings parsed so far, by position. */
  parsed: Array<Sdk | undefined>;
}
const TABLES: Partial<Record<Language, LanguageTable>> = {};

/** Makes `table` (src/generated/sdks-LANG.ts) the bindings of `lang`'s lookups; a second call for a language changes nothing. */
export function useSdks(lang: Language, table: SdkTable): void {
  if (TABLES[lang]) return;
  const plain: number[] = [];
  table.index.forEach((e, i) => {
    if (!e.fallback) plain.push(i);
  });
  TABLES[lang] = {
    table,
    plain,
    names: new NameIndex(plain, (i) => table.index[i].names, lang === 'python'),
    fallback: table.index.findIndex((e) => e.fallback),
    parsed: [],
  };
}

function tableOf(lang: Language): LanguageTable {
  const t = TABLES[lang];
  if (!t) throw new Error(`sdk/data: the ${lang} bindings are not loaded (useSdks)`);
  return t;
}

/** The binding at position `i` of a language's table, parsed on first use (the same object after). */
function sdkAt(t: LanguageTable, i: number): Sdk {
  return (t.parsed[i] ??= JSON.parse(t.table.text.slice(t.table.offsets[i], t.table.offsets[i + 1])) as Sdk);
}

const UNSUPPORTED = shared.unsupported.map((u) => ({ ...u, re: new RegExp(u.pattern) }));

/** Every binding of a language a name can select, in lookup order (all parsed). */
export function sdksOf(lang: Language): readonly Sdk[] {
  const t = tableOf(lang);
  return t.plain.map((i) => sdkAt(t, i));
}

/** A binding by id, among the languages loaded (ids are unique across languages). */
export function sdkById(id: string): Sdk | undefined {
  for (const t of Object.values(TABLES)) {
    const i = t.table.index.findIndex((e) => e.id === id);
    if (i >= 0) return sdkAt(t, i);
  }
  return undefined;
}

/** The binding for an SDK class the data does not know, given a base URL (read as OpenAI-compatible). */
export function fallbackSdk(lang: Language): Sdk | undefined {
  const t = tableOf(lang);
  return t.fallback >= 0 ? sdkAt(t, t.fallback) : undefined;
}

/**
 * Python: true when the qualified name `path` (as the imports resolve it)
 * names `name`: exactly, or in another submodule of the same package
 * (`mistralai.client.Mistral` for `mistralai.Mistral`).
 */
export function pyNameMatches(path: string, name: string): boolean {
  if (path === name) return true;
  const ends = pyEnds(path);
  return ends !== null && ends === pyEnds(name);
}

/** A dotted name's first and last segments (`openai\0OpenAI`), or null for a name of one segment. */
function pyEnds(name: string): string | null {
  const i = name.indexOf('.');
  return i < 0 ? null : name.slice(0, i) + '\0' + name.slice(name.lastIndexOf('.') + 1);
}

/**
 * Items of one language by the names they answer to, so that a lookup costs the
 * same however many names the data holds (a paste with 50,000 calls looks up
 * 50,000 names). `find` returns what a scan of `items` in order would: the
 * first item, by position, that has a matching name and passes `ok`.
 */
class NameIndex<T> {
  private readonly exact = new Map<string, number[]>();
  private readonly ends = new Map<string, number[]>();
  constructor(
    private readonly items: readonly T[],
    namesOf: (item: T) => readonly string[],
    private readonly python: boolean,
  ) {
    const put = (m: Map<string, number[]>, k: string, i: number) => {
      const l = m.get(k);
      if (!l) m.set(k, [i]);
      else if (l[l.length - 1] !== i) l.push(i);
    };
    items.forEach((item, i) => {
      for (const n of namesOf(item)) {
        put(this.exact, n, i);
        const e = python ? pyEnds(n) : null;
        if (e !== null) put(this.ends, e, i);
      }
    });
  }

  /** The first item whose name matches `path` (pyNameMatches in Python, equality in JavaScript) and passes `ok`. */
  find(path: string, ok: (item: T) => boolean = () => true): T | undefined {
    const a = this.exact.get(path);
    const e = this.python ? pyEnds(path) : null;
    const b = e === null ? undefined : this.ends.get(e);
    // Both lists are in item order: merge them, first hit wins.
    let i = 0;
    let j = 0;
    for (;;) {
      const x = a && i < a.length ? a[i] : Infinity;
      const y = b && j < b.length ? b[j] : Infinity;
      const k = Math.min(x, y);
      if (k === Infinity) return undefined;
      if (x === k) i++;
      if (y === k) j++;
      if (ok(this.items[k])) return this.items[k];
    }
  }
}


/** JavaScript: the module-qualified name as a lookup accepts it: a CommonJS module object is its default export. */
function jsCandidates(path: string): string[] {
  if (path.endsWith(':*')) return [path, path.slice(0, -2) + ':default'];
  // `import openai from "openai"; new openai.OpenAI()`: a named export reached through the default one.
  const m = /^(.*):default\.([\w$]+)$/.exec(path);
  if (m) return [path, `${m[1]}:${m[2]}`];
  return [path];
}

/** The binding a qualified name constructs (kinds client/model) or calls (kind function). */
export function sdkByName(lang: Language, path: string, kinds: Array<Sdk['kind']>): Sdk | undefined {
  const t = tableOf(lang);
  const ok = (i: number) => kinds.includes(t.table.index[i].kind);
  if (lang === 'python') {
    const i = t.names.find(path, ok);
    return i === undefined ? undefined : sdkAt(t, i);
  }
  for (const p of jsCandidates(path)) {
    const i = t.names.find(p, ok);
    if (i !== undefined) return sdkAt(t, i);
  }
  return undefined;
}

/**
 * JavaScript: an SDK instance exported ready-made (`import { openai } from "@ai-sdk/openai"`):
 * a lower-case export not starting with `create`.
 */
export function instanceSdk(path: string): Sdk | undefined {
  const i = path.lastIndexOf(':');
  if (i < 0) return undefined;
  const name = path.slice(i + 1);
  if (!/^[a-z]/.test(name) || name.startsWith('create') || name === 'default') return undefined;
  const t = tableOf('javascript');
  const at = t.names.find(path, (j) => t.table.index[j].kind === 'client');
  return at === undefined ? undefined : sdkAt(t, at);
}

/** Wrappers that do not change the request (`beta.`, Python's `with_raw_response.`...). */
const TRANSPARENT = new Set(['beta', 'aio', 'with_raw_response', 'with_streaming_response']);
export function normaliseMethod(path: string[]): string {
  return path.filter((p) => !TRANSPARENT.has(p)).join('.');
}

export function endpointOf(sdk: Sdk, method: string): Endpoint | undefined {
  return Object.prototype.hasOwnProperty.call(sdk.endpoints, method) ? sdk.endpoints[method] : undefined;
}

export function chatEndpoint(sdk: Sdk): Endpoint {
  return { path: sdk.chat_endpoint, method: 'POST', stream: false };
}

/** Python: the binding whose module functions the qualified name reaches (`openai.chat.completions.create`). */
export function moduleSdk(path: string): { sdk: Sdk; method: string } | undefined {
  const t = tableOf('python');
  for (const i of t.plain) {
    const m = t.table.index[i].module;
    if (!m || !path.startsWith(m + '.')) continue;
    const method = normaliseMethod(path.slice(m.length + 1).split('.'));
    if (t.table.index[i].methods.includes(method)) return { sdk: sdkAt(t, i), method };
  }
  return undefined;
}

/**
 * For a call on a client the snippet never builds (`client.chat.completions.create(...)`
 * in a fragment): the client binding whose method table has that multi-segment method.
 */
export function fragmentSdk(lang: Language, path: string[]): { sdk: Sdk; method: string } | undefined {
  const t = tableOf(lang);
  for (let start = 1; start < path.length - 1; start++) {
    const method = normaliseMethod(path.slice(start));
    if (!method.includes('.')) continue;
    for (const i of t.plain) {
      const e = t.table.index[i];
      if (e.kind === 'client' && e.strategy !== 'ai-sdk' && e.methods.includes(method)) return { sdk: sdkAt(t, i), method };
    }
  }
  return undefined;
}

/** A router's route for a prefix (`deepseek` in LiteLLM's `deepseek/deepseek-chat`). */
export function routeOf(router: string, prefix: string): Route | undefined {
  return shared.routes.find((r) => r.router === router && r.prefix === prefix);
}

/** LangChain's `init_chat_model` provider name -> its chat-model binding. */
export function langchainModel(provider: string): Sdk | undefined {
  const t = tableOf('python');
  const i = t.plain.find((j) => t.table.index[j].langchain_provider === provider);
  return i === undefined ? undefined : sdkAt(t, i);
}

/** LangChain's provider inference from a model name (`langchain_models` regexes). */
export function inferLangchainProvider(model: string): string | null {
  const t = tableOf('python');
  for (const i of t.plain) {
    const e = t.table.index[i];
    if (e.langchain_provider && e.langchain_models && new RegExp(e.langchain_models).test(model)) return e.langchain_provider;
  }
  return null;
}

/** The label of a known-but-unsupported name (`boto3.client`), or undefined. */
export function unsupportedLabel(lang: Language, path: string): string | undefined {
  return UNSUPPORTED.find((u) => u.language === lang && u.re.test(path))?.label;
}

/** The wire of a client name (`anthropic-sdk`) when every binding of that client, in either language, speaks the same one. */
export function clientWire(client: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(shared.client_wires, client) ? shared.client_wires[client] : undefined;
}

/** A constructor that wraps a key (`SecretStr(k)`, `new AzureKeyCredential(k)`): its first argument stands for it. */
export function isKeyWrapper(lang: Language, path: string): boolean {
  return shared.key_wrappers.some((w) => w.language === lang && (lang === 'python' ? pyNameMatches(path, w.name) : path === w.name));
}

/** A module constant the data knows (`portkey_ai.PORTKEY_GATEWAY_URL`), by qualified name, or undefined. */
export function sdkConstant(lang: Language, path: string): string | undefined {
  return shared.constants.find((c) => c.language === lang && (lang === 'python' ? pyNameMatches(path, c.name) : path === c.name))?.value;
}

/**
 * A headers-object builder (`createHeaders(...)`): the header name each keyword
 * becomes (prefix + the keyword in kebab case, `ID` read as `Id`), or undefined
 * when `path` names none.
 */
export function headerBuilder(lang: Language, path: string): ((key: string) => string) | undefined {
  const b = shared.header_builders.find((h) => h.language === lang && (lang === 'python' ? pyNameMatches(path, h.name) : path === h.name));
  if (!b) return undefined;
  return (key) => b.prefix + key.replace(/ID/g, 'Id').replace(/[A-Z]/g, (c) => '-' + c.toLowerCase()).replace(/_/g, '-').replace(/^-/, '');
}
