// The registry file, config/custom_models.yaml, the full way: parsed into
// yaml's Document, validated with zod, changed and written back. The lock and
// the cheap paths (cache, fast reader, append as text) are in ./write.ts and
// ./read.ts; they come here for everything they are not sure of.
// Guarantees:
// - Edits go through yaml's Document API, so the user's comments, key order,
//   unknown fields, BOM and CRLF line endings survive every change; only the
//   fields that changed are rewritten (a new entry appended as text by
//   ./write.ts leaves every earlier byte as it was).
// - One parse and one validation per command; a write validates only the
//   entries it touched (the rest were validated when the file was read).
// - A write is atomic (./file.ts) and happens under the writers' lock
//   (./lock.ts), held only around read-modify-write. A symlinked registry is
//   written through to its target; a read-only one is refused.
// - A file that does not parse or validate is reported with line and column
//   and never overwritten; YAML aliases that are undefined or expand too far
//   are such errors too, and the message never repeats the alias's name.
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Document, isAlias, isCollection, isMap, isScalar, isSeq, LineCounter, parseDocument, Scalar, visit, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import { fail, type Failure } from '../result.js';
import { applyFormat, checkWorkspace, formatOf, REGISTRY_REL, registryPath, stripBom, writeAtomic, type TextFormat } from './file.js';
import { redactKeys } from '../secrets/index.js';
import { contentHash, writeCache, type Tail } from './cache.js';
import { readText } from './read.js';
import type { Appended, Change } from './write.js';
import type { Registered } from './register.js';
import { Entry, RegistryFile } from './schema.js';
import { forbiddenKeyPath } from './validate.js';

export { REGISTRY_REL, registryPath };

/** The registry's JSON Schema in this byok package (schema/ ships in the package), for editors. */
const SCHEMA_FILE = fileURLToPath(new URL('../../schema/custom_models.schema.json', import.meta.url));
const SCHEMA_REL = join('schema', 'custom_models.schema.json');

/**
 * Where a new registry's first line points YAML editors (yaml-language-server
 * resolves a relative path against the YAML file): a path relative to
 * DIR/config/ when the schema is inside the workspace — the project's own
 * node_modules/byok (byok installed as a dependency), or this very package
 * (a clone used as its own workspace) — so the line holds no home path and
 * stays true in every clone of the project. Only when byok runs from outside
 * the workspace (a global install, npx from a path) is it the package's
 * absolute file URL: the one form that is correct there.
 */
export function schemaLocation(workspace: string): string {
  const ws = resolve(workspace);
  const config = dirname(registryPath(ws));
  const within = (p: string) => {
    const r = relative(ws, p);
    return r && !r.startsWith('..') && !isAbsolute(r) ? relative(config, p).split(sep).join('/') : null;
  };
  const installed = join(ws, 'node_modules', 'byok', SCHEMA_REL);
  return (existsSync(installed) ? within(installed) : null) ?? within(SCHEMA_FILE) ?? pathToFileURL(SCHEMA_FILE).href;
}

// The first line points YAML editors (yaml-language-server) at the schema.
const header = (workspace: string) => `# yaml-language-server: $schema=${schemaLocation(workspace)}
# Custom chat models registered with byok (\`byok add\`, \`byok add-template\`).
# You may edit this file and add comments or fields of your own: byok keeps
# them. Keys are never stored here; each entry names in api_key_env the
# variable (in .env or the environment) that holds its key.
# JSON Schema: \`byok schema registry\`, or schema/custom_models.schema.json in the byok package.
version: 1
models:
`;

/** Aliases may repeat a value (a shared headers map), but not expand without bound. */
const MAX_ALIAS_COUNT = 100;

export interface Registry {
  doc: Document;
  entries: Entry[];
  /** The file did not exist (or was empty): nothing to keep. */
  fresh: boolean;
  /** BOM and line endings of the file, kept on write. */
  format: TextFormat;
  /** Where an entry can be appended as text (./cache.ts), or null. */
  tail: Tail | null;
}

function posOf(lc: LineCounter, offset: number): string {
  const { line, col } = lc.linePos(offset);
  return `line ${line}, column ${col}`;
}

function positionOf(doc: Document, lc: LineCounter, path: PropertyKey[]): string {
  for (let n = path.length; n >= 0; n--) {
    let node: Node | undefined;
    try {
      node = doc.getIn(path.slice(0, n) as (string | number)[], true) as Node | undefined;
    } catch {
      node = undefined;
    }
    if (node && typeof node === 'object' && node.range) return posOf(lc, node.range[0]);
  }
  return 'line 1, column 1';
}

function invalid(where: string, message: string): Failure {
  return fail(
    'invalid_registry',
    redactKeys(`${REGISTRY_REL} ${where}: ${message.replace(/\.$/, '')}. byok left the file unchanged; fix it or move it aside.`),
  );
}

/** The first alias whose anchor is not defined before it, else the first alias; null when there is none. */
function aliasProblem(doc: Document): { node: Node; unresolved: boolean } | null {
  const anchors = new Set<string>();
  let first: Node | null = null;
  let unresolved: Node | null = null;
  visit(doc, {
    Node(_k, node) {
      if (isAlias(node)) {
        first ??= node;
        if (!anchors.has(node.source)) {
          unresolved = node;
          return visit.BREAK;
        }
      } else if (node.anchor) anchors.add(node.anchor);
      return undefined;
    },
  });
  if (unresolved) return { node: unresolved, unresolved: true };
  return first ? { node: first, unresolved: false } : null;
}

/** Parses and validates the registry text (null: no file yet). */
export function parseRegistry(raw: string | null, workspace = '.'): Registry | Failure {
  const format = raw === null ? { bom: false, crlf: false } : formatOf(raw);
  const text = raw === null ? null : stripBom(raw);
  if (text === null || !text.trim()) return { doc: parseDocument(header(workspace)), entries: [], fresh: true, format, tail: null };
  const lc = new LineCounter();
  let doc: Document;
  let js: unknown;
  try {
    doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
    const err = doc.errors[0];
    if (err) return invalid(posOf(lc, err.pos[0]), `does not parse as YAML (${err.message.split('\n')[0].split(':')[0]})`);
    if (doc.contents === null) return { doc, entries: [], fresh: false, format, tail: null };
    if (!isMap(doc.contents)) return invalid(positionOf(doc, lc, []), 'must be a mapping with a `models` list');
    // An alias needs a `*`: most files have none, and the walk is not free on a big one.
    const alias = text.includes('*') ? aliasProblem(doc) : null;
    if (alias?.unresolved) {
      return invalid(posOf(lc, alias.node.range?.[0] ?? 0), 'has a YAML alias (*name) whose anchor (&name) is not defined before it; write the value out in full or define the anchor first');
    }
    try {
      js = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      if (!(e instanceof ReferenceError) || !alias) throw e;
      return invalid(posOf(lc, alias.node.range?.[0] ?? 0), `has YAML aliases that expand to more than ${MAX_ALIAS_COUNT} copies (an alias bomb); write the values out instead`);
    }
  } catch (e) {
    if (e instanceof RangeError) return invalid('line 1, column 1', 'is nested too deeply to read');
    throw e;
  }
  const obj = js as Record<string, unknown>;
  // `models:` with nothing under it is an empty registry, not an error.
  if (obj.models === null) obj.models = [];
  // Before zod, which would silently drop such a key instead of refusing it.
  const forbidden = forbiddenKeyPath(obj);
  if (forbidden) return invalid(positionOf(doc, lc, forbidden), `the key ${String(forbidden[forbidden.length - 1])} is not allowed (prototype pollution) (${forbidden.join('.')})`);
  const r = RegistryFile.safeParse(obj);
  if (!r.success) {
    const issue = r.error.issues[0];
    const path = issue.path.length ? ` (${issue.path.join('.')})` : '';
    return invalid(positionOf(doc, lc, issue.path), `${issue.message}${path}`);
  }
  return { doc, entries: r.data.models, fresh: false, format, tail: tailOf(doc, lc, text) };
}

/** The `models` list as the file's last node, in block style, with nothing after it: new items can be appended as text. */
function tailOf(doc: Document, lc: LineCounter, text: string): Tail | null {
  const seq = lastModels(doc);
  if (!seq?.range || text.slice(seq.range[1]).trim() !== '' || !text.endsWith('\n')) return null;
  return { indent: lc.linePos(seq.range[0]).col - 1 };
}

/** The `models` list when it is the document's last node, in block style, not empty, with no comment after it. */
function lastModels(doc: Document): YAMLSeq | null {
  const root = doc.contents;
  if (!isMap(root) || !root.items.length || doc.comment) return null;
  const last = root.items[root.items.length - 1];
  const key = last.key as { value?: unknown } | null;
  const seq = last.value;
  if (!key || key.value !== 'models' || !isSeq(seq) || seq.flow || !seq.items.length || seq.comment) return null;
  return seq;
}

/** Reads and validates the registry of an existing workspace (a missing workspace is `not_found`). */
export async function readRegistry(workspace: string): Promise<Registry | Failure> {
  const missing = await checkWorkspace(workspace);
  if (missing) return missing;
  return readRegistryFile(workspace);
}

async function readRegistryFile(workspace: string): Promise<Registry | Failure> {
  const text = await readText(registryPath(workspace));
  if (text !== null && typeof text === 'object') return text;
  return parseRegistry(text, workspace);
}

export { readEntries } from './read.js';

// ---------- change (the full path; ./write.ts holds the lock and the append) ----------

export { changeRegistry, type Appended, type Change, type Written } from './write.js';

/**
 * The full path of a change, under the lock ./write.ts holds: parses the
 * text, runs `fn` on the Document, validates the entries it touched, writes
 * the file and the cache.
 */
export async function applyParsed<T>(p: {
  workspace: string;
  path: string;
  target: string;
  text: string | null;
  hash: string;
  cached: boolean;
  fn: (reg: Registry) => Change<T> | Failure | Promise<Change<T> | Failure>;
  stillHeld: () => Promise<boolean>;
}): Promise<{ result: T; write: boolean } | Failure> {
  const { path, text, hash } = p;
  const reg = parseRegistry(text, p.workspace);
  if ('ok' in reg) return reg;
  const change = await p.fn(reg);
  if ('ok' in change && change.ok === false) return change as Failure;
  const { result, write, touched = [] } = change as Change<T>;
  if (write) {
    // Never write what would not validate (a programmer error: inputs were checked before).
    const entries = [...reg.entries];
    for (const i of touched) {
      const node = reg.doc.getIn(['models', i]) as { toJS?: (d: Document) => unknown } | undefined;
      const check = Entry.safeParse(node?.toJS ? node.toJS(reg.doc) : node);
      if (!check.success) throw new Error(`entry ${i} would not validate after the change: ${check.error.issues[0]?.message}`);
      entries[i] = check.data;
    }
    const next = serialize(reg);
    const err = await writeAtomic(p.target, REGISTRY_REL, next, p.stillHeld);
    if (err) return err;
    // yaml writes list items at an indent of 2: the new text's tail is known without parsing it.
    const seq = lastModels(reg.doc);
    if (seq && seq.items.length === entries.length) await writeCache(path, { hash: contentHash(next), entries, tail: { indent: 2 } });
  } else if (text !== null && !p.cached) {
    await writeCache(path, { hash, entries: reg.entries, tail: reg.tail });
  }
  return { result, write };
}

/** The document as text, in the file's own BOM and line-ending format. */
export function serialize(reg: Pick<Registry, 'doc' | 'format'>): string {
  return applyFormat(reg.doc.toString({ lineWidth: 0 }), reg.format);
}

/** The `models` sequence, created (block style) when missing, empty or null. */
export function modelsSeq(doc: Document): YAMLSeq {
  let node = doc.get('models', true);
  if (!isSeq(node)) {
    if (!isMap(doc.contents)) doc.contents = doc.createNode({ version: 1 }) as never;
    node = doc.createNode([]);
    doc.set('models', node);
  }
  if (isSeq(node)) node.flow = false;
  return node as YAMLSeq;
}

// ---------- a registration in the Document (./register.ts, on the full path) ----------

const TIMESTAMPS = new Set(['created_at', 'updated_at', 'id']);

function sameContent(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const strip = (o: Record<string, unknown>) => JSON.stringify(Object.fromEntries(Object.entries(o).filter(([k]) => !TIMESTAMPS.has(k)).sort(([x], [y]) => (x < y ? -1 : 1))));
  return strip(a) === strip(b);
}
/** Small maps of scalars (auth, capabilities...) in flow style: one line each, easier to read and to parse. */
export function compact(node: unknown): unknown {
  if (isMap(node) && node.items.length <= 6 && node.items.every((p) => isScalar(p.value) || (isCollection(p.value) && p.value.items.length === 0))) node.flow = true;
  return node;
}

/** A double-quoted scalar, so YAML 1.1 readers keep a timestamp a string. */
export function quoted(value: string): Scalar {
  const s = new Scalar(value);
  s.type = 'QUOTE_DOUBLE';
  return s;
}


/** The YAML node of a new entry. */
function entryNode(reg: Registry, entry: Record<string, unknown>): Node {
  const node = reg.doc.createNode(entry) as unknown as YAMLMap<string, unknown>;
  for (const p of node.items) compact(p.value);
  node.set('created_at', quoted(String(entry.created_at)));
  node.set('updated_at', quoted(String(entry.updated_at)));
  return node as unknown as Node;
}

/** Registers `candidate` in the Document: updates entry `index` (the same endpoint and model), or appends `fresh()`. */
export function registerInDoc(reg: Registry, candidate: Record<string, unknown>, index: number, fresh: () => Appended<Registered>): Change<Registered> {
  const now = new Date().toISOString();
  if (index >= 0) {
    const old = reg.entries[index];
    const known = Object.fromEntries(Object.keys(candidate).map((k) => [k, (old as Record<string, unknown>)[k]]));
    const entry = { ...old, ...candidate, id: old.id, created_at: old.created_at ?? now, updated_at: now } as Entry;
    const previousVendor = old.vendor ?? null;
    if (sameContent(known, candidate)) return { result: { entry: old, created: false, changed: false, replaced: [], previousVendor }, write: false };
    const replaced: string[] = [];
    for (const [k, v] of Object.entries(candidate)) {
      if (JSON.stringify((old as Record<string, unknown>)[k]) !== JSON.stringify(v)) {
        reg.doc.setIn(['models', index, k], compact(reg.doc.createNode(v)));
        replaced.push(k);
      }
    }
    reg.doc.setIn(['models', index, 'updated_at'], quoted(now));
    return { result: { entry, created: false, changed: true, replaced, previousVendor }, write: true, touched: [index] };
  }
  const a = fresh();
  const seq = modelsSeq(reg.doc);
  seq.add(entryNode(reg, a.entry));
  return { result: a.result, write: true, touched: [seq.items.length - 1] };
}
