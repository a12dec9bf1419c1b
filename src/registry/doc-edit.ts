// The registry's Document edits for a registration (the full path, under the
// lock: ./write.ts): update the entry of the same endpoint and model in place,
// keeping its id, created_at, comments and unknown fields, or add a new one
// at the end; small maps in flow style, timestamps double-quoted.
import { isCollection, isMap, isScalar, Scalar, type Node, type YAMLMap } from 'yaml';
import type { Entry } from './schema.js';
import { modelsSeq, type Registry } from './store.js';
import type { Appended, Change } from './write.js';
import type { Registered } from './register.js';

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
