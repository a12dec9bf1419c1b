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
import { contentHash, readCache, writeCache, type Tail } from './cache.js';
import { checkWorkspace, describeIoError, io, REGISTRY_REL, registryPath, stripBom } from './file.js';
import { fastParseYaml } from './fast-yaml.js';
import { fastValidate } from './fast-validate.js';
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

/** The validated entries of a registry text and where a new entry can be appended, without yaml or zod; null: the full parser must read it. */
export function fastRegistry(text: string): { entries: Entry[]; tail: Tail | null } | null {
  // Done once per command: without TurboFan's background compiling (../one-shot.ts).
  return oneShot(text.length, () => {
    const doc = fastParseYaml(stripBom(text));
    if (!doc) return null;
    const entries = fastValidate(doc.value);
    return entries ? { entries, tail: doc.tail } : null;
  });
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
  const cached = await readCache(path, hash);
  if (cached) return cached;
  const fast = fastRegistry(text);
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

