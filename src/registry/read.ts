// Reading the registry for the verbs that only read (list, get): the file's
// text, and its validated entries from the cache (./cache.ts) when the file has
// not changed since byok last parsed it.
// Guarantee: a cache hit loads no yaml and no zod (the parser and the schema,
// ./store.ts, load only on a miss), so a repeated `list` on a big registry
// costs little more than starting node. On a miss (the file was edited), a
// file in the plain subset of YAML is read and validated without them too
// (./fast-yaml.ts, ./fast-validate.ts, each equal to the full path on what it
// accepts); anything else, and every file with an error, takes the full path,
// which reports the error with its line and column.
import { blockHash, contentHash, readCache, writeCache, type Cached, type Tail } from './cache.js';
import { checkWorkspace, describeIoError, io, REGISTRY_REL, registryPath, stripBom } from './file.js';
import { endsWithComment, fastParseItem, fastParseYaml, modelItems, type ModelItems } from './fast-yaml.js';
import { fastItem, fastValidate } from './fast-validate.js';
import { oneShot } from '../one-shot.js';
import { fail, type Failure } from '../failure.js';
import type { Entry } from './schema.js';

/** The registry's text (null: no file), or a Failure when it cannot be read or is not UTF-8. */
export async function readText(path: string): Promise<string | null | Failure> {
  const r = await readHashed(path);
  return r === null || 'ok' in r ? r : r.text;
}

/**
 * The registry's text and its contentHash (./cache.ts), hashed from the bytes
 * read (the same digest as hashing the text: the text is those bytes decoded,
 * BOM included); null: no file.
 */
export async function readHashed(path: string): Promise<{ text: string; hash: string } | null | Failure> {
  let bytes: Buffer;
  try {
    bytes = await io.readFile(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    return fail('io_error', `Cannot read ${REGISTRY_REL}: ${describeIoError(e)}.`);
  }
  try {
    // Decoding with replacement characters and writing back would lose the user's bytes.
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), hash: contentHash(bytes) };
  } catch {
    return fail('invalid_registry', `${REGISTRY_REL} is not valid UTF-8 text; byok will not rewrite it. Fix or convert the file first.`);
  }
}

/** What the fast path reads from a registry text (for the cache, ./cache.ts). */
export interface FastRead {
  entries: Entry[];
  tail: Tail | null;
  /** blockHash of each entry's item text, when the text cuts into items (./fast-yaml.ts modelItems). */
  blocks?: string[];
}

/**
 * The validated entries of a registry text and where a new entry can be
 * appended, without yaml or zod; null: the full parser must read it.
 * With `previous` (the cache of the text before an edit, with its blocks),
 * only the items whose text changed are parsed and validated; the answer is
 * the one the whole text gives (test/registry-blocks.test.ts checks it on
 * generated registries and edits).
 */
export function fastRegistry(text: string, previous?: Cached | null): FastRead | null {
  // Done once per command: without TurboFan's background compiling (../one-shot.ts).
  return oneShot(text.length, () => {
    const body = stripBom(text);
    const items = modelItems(body);
    const blocks = items ? blockHashes(body, items) : undefined;
    if (items && blocks && previous?.blocks) {
      const changed = fromBlocks(body, items, blocks, previous);
      if (changed) return changed;
    }
    const doc = fastParseYaml(body);
    if (!doc) return null;
    const entries = fastValidate(doc.value);
    if (!entries) return null;
    return { entries, tail: doc.tail, ...(blocks && blocks.length === entries.length ? { blocks } : {}) };
  });
}

/** The text of item `k` (./fast-yaml.ts modelItems): from its start to the next item's, or to the end. */
function itemText(body: string, starts: number[], k: number): string {
  return body.slice(starts[k], k + 1 < starts.length ? starts[k + 1] : body.length);
}

function blockHashes(body: string, items: ModelItems): string[] {
  const out: string[] = [];
  for (let k = 0; k < items.starts.length; k++) out.push(blockHash(itemText(body, items.starts, k)));
  return out;
}

/**
 * The fast read of a text cut into items, with the entries of unchanged items
 * taken from `previous`: what comes before the items is read and checked as
 * fastValidate checks the file, each new item as fastValidate checks an item,
 * ids are unique across all. Null when any piece is not sure, or when fewer
 * than half the items are unchanged (the whole text is then read in one pass).
 */
function fromBlocks(body: string, items: ModelItems, blocks: string[], previous: Cached): FastRead | null {
  const { starts, indent } = items;
  const head = fastParseYaml(body.slice(0, starts[0]));
  if (!head) return null;
  const keys = Object.keys(head.value);
  if (keys[keys.length - 1] !== 'models' || head.value.models !== null || !fastValidate({ ...head.value, models: [] })) return null;
  const known = new Map<string, Entry>();
  const old = previous.blocks!;
  for (let k = 0; k < old.length; k++) known.set(old[k], previous.entries[k]);
  // Items parsed one by one cost more than in one pass of the whole text (the reader's memo of repeated lines is per pass): worth it only when most are known.
  let hits = 0;
  for (let k = 0; k < blocks.length; k++) if (known.has(blocks[k])) hits++;
  if (hits * 2 < blocks.length) return null;
  const entries: Entry[] = [];
  const ids = new Set<string>();
  for (let k = 0; k < starts.length; k++) {
    let e = known.get(blocks[k]) ?? null;
    if (!e) {
      const item = fastParseItem(itemText(body, starts, k), indent);
      e = item && fastItem(item.value);
      if (!e) return null;
    }
    if (ids.has(e.id)) return null;
    ids.add(e.id);
    entries.push(e);
  }
  // The full reader's tail rule (./fast-yaml.ts): `models` is last and not empty, nothing but blank lines after, a final newline.
  const tail = body.endsWith('\n') && !endsWithComment(body) ? { indent } : null;
  return { entries, tail, blocks };
}

/**
 * The validated entries of an existing workspace, for verbs that only read:
 * from the cache when the file has not changed since it was last parsed.
 */
export async function readEntries(workspace: string): Promise<{ entries: Entry[] } | Failure> {
  const missing = await checkWorkspace(workspace);
  if (missing) return missing;
  const path = registryPath(workspace);
  const read = await readHashed(path);
  if (read === null) return { entries: [] };
  if ('ok' in read) return read;
  const { text, hash } = read;
  const { hit, previous } = await readCache(path, hash, true);
  if (hit) return hit;
  const fast = fastRegistry(text, previous);
  if (fast) {
    await writeCache(path, { hash, ...fast });
    return fast;
  }
  const { parseRegistry } = await import('./store.js');
  const reg = parseRegistry(text, workspace);
  if ('ok' in reg) return reg;
  await writeCache(path, { hash, entries: reg.entries, tail: reg.tail });
  return reg;
}

