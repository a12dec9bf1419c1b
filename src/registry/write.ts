// Changing the registry file: the writers' lock (./lock.ts) around one
// read-modify-write, and the cheap path for the commonest change, a new entry
// at the end of a big registry, which loads neither yaml nor zod.
// Guarantees:
// - Under the lock: temp files of killed writers are swept, the file is read,
//   a symlinked registry is written through to its target, a read-only one
//   is refused, and the write is atomic (./file.ts).
// - A new entry is appended as text when the file's `models` list is its last
//   node in block style (known from the cache, ./cache.ts, or from the fast
//   reader after a hand edit, ./fast-yaml.ts): every byte of the file before
//   it stays as it was. The entry is validated (./fast-validate.ts) and its
//   text (./emit-yaml.ts) read back before it is written; when either is not
//   sure, or anything else changes, the full path runs (./store.ts: yaml's
//   Document, which keeps comments and unknown fields, and zod).
import { dirname, relative } from 'node:path';
import { fail, type Failure } from '../failure.js';
import { applyFormat, checkWorkspace, describeIoError, ensureConfigDir, formatOf, io, refuseReadOnly, REGISTRY_REL, registryPath, writeAtomic, writeTarget } from './file.js';
import { blockHash, contentHash, readCache, writeCache, type Cached } from './cache.js';
import { fastRegistry, readHashed } from './read.js';
import { acquireLock } from './lock.js';
import { fastEntry } from './fast-validate.js';
import { fastParseYaml } from './fast-yaml.js';
import { entryYaml } from './emit-yaml.js';
import type { Entry } from './schema.js';
import type { Registry } from './store.js';

export interface Change<T> {
  /** The value to return. */
  result: T;
  /** Whether the document was changed and must be written. */
  write: boolean;
  /** Indexes of the entries the change added or edited: only these are validated again. */
  touched?: number[];
}

export interface Written<T> {
  result: T;
  /** Absolute path of the registry file. */
  file: string;
  /** Whether `config/` was created by this command. */
  createdConfig: boolean;
}

/** A new entry to add at the end of the list (complete: id, fields, timestamps). */
export interface Appended<T> {
  result: T;
  entry: Record<string, unknown>;
}

/**
 * Deletes temp files a killed process left behind: data temp files
 * (`custom_models.yaml.<pid>.<hex>.tmp`), lock temp files and locks set aside
 * while breaking a stale one, each only when the process named in it is gone.
 */
async function sweepOrphans(dir: string, base: string): Promise<void> {
  let names: string[] = [];
  try {
    names = await io.readdir(dir);
  } catch {
    return;
  }
  const esc = base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`^${esc}\\.(?:lock\\.(?:stale\\.)?)?(\\d+)\\.[0-9a-f]+(?:\\.tmp)?$`);
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch (e) {
      return (e as NodeJS.ErrnoException).code === 'EPERM';
    }
  };
  await Promise.all(
    names.map((n) => {
      const m = re.exec(n);
      return m && !alive(Number(m[1])) ? io.unlink(`${dir}/${n}`).catch(() => undefined) : undefined;
    }),
  );
}

/**
 * Runs `fn` on the current registry under the lock and writes the document
 * back if `fn` says so. `fn` edits `reg.doc` in place; a Failure aborts.
 * `append` (optional) is asked first, with the entries from the cache: when it
 * returns an entry to add and the file allows it, the entry is appended as
 * text without parsing the file again; when it returns null, `fn` runs on the
 * parsed registry as usual.
 */
export async function changeRegistry<T>(
  workspace: string,
  fn: (reg: Registry) => Change<T> | Failure | Promise<Change<T> | Failure>,
  append?: (entries: Entry[]) => Appended<T> | null,
): Promise<Written<T> | Failure> {
  const missing = await checkWorkspace(workspace);
  if (missing) return missing;
  const createdConfig = await ensureConfigDir(workspace);
  if (typeof createdConfig === 'object') return createdConfig;
  const path = registryPath(workspace);
  const lock = await acquireLock(path + '.lock', `${REGISTRY_REL}.lock`);
  if ('ok' in lock) return lock;
  try {
    await sweepOrphans(dirname(path), relative(dirname(path), path));
    const read = await readHashed(path);
    if (read !== null && 'ok' in read) return read;
    const text = read === null ? null : read.text;
    let target: string;
    try {
      target = await writeTarget(path);
    } catch (e) {
      return fail('io_error', `Cannot follow the link ${REGISTRY_REL}: ${describeIoError(e)}.`);
    }
    const ro = await refuseReadOnly(target, REGISTRY_REL);
    if (ro) return ro;
    const hash = read === null ? '' : read.hash;
    const cache = text === null ? null : await readCache(path, hash, append !== undefined);
    const cached = cache?.hit ?? null;
    // After a hand edit (no cache), a file in the plain subset is read without yaml's Document for an append.
    const quick = !cached && append && text !== null ? fastRegistry(text, cache?.previous) : null;
    const known: Cached | null = cached ?? (quick ? { hash, ...quick } : null);
    if (append && known?.tail && text !== null) {
      const done = await appendAsText(path, target, text, known, append, lock.stillHeld);
      if (done) return 'ok' in done ? done : { result: done.result, file: path, createdConfig: false };
    }
    const { applyParsed } = await import('./store.js');
    const r = await applyParsed<T>({ workspace, path, target, text, hash, cached: cached !== null, fn, stillHeld: lock.stillHeld });
    if ('ok' in r) return r;
    return { result: r.result, file: path, createdConfig: createdConfig && r.write };
  } finally {
    await lock.release();
  }
}

/** The fast path of changeRegistry: null when `append` or the checks want the full path. */
async function appendAsText<T>(
  path: string,
  target: string,
  text: string,
  cached: Cached,
  append: (entries: Entry[]) => Appended<T> | null,
  stillHeld: () => Promise<boolean>,
): Promise<{ result: T } | Failure | null> {
  const a = append(cached.entries);
  if (!a) return null;
  const json = JSON.stringify(a.entry);
  // Validated as zod would (./fast-validate.ts); anything it is not sure of goes the full way.
  const entry = fastEntry(JSON.parse(json));
  if (!entry) return null;
  let chunk: string;
  try {
    chunk = entryYaml(a.entry, cached.tail!.indent);
  } catch {
    return null;
  }
  // What is written must read back as the entry, in the file's own indent.
  const back = fastParseYaml(`models:\n${chunk}`)?.value.models;
  if (!Array.isArray(back) || back.length !== 1 || JSON.stringify(back[0]) !== json) return null;
  const format = formatOf(text);
  const next = text + applyFormat(chunk, { ...format, bom: false });
  const err = await writeAtomic(target, REGISTRY_REL, next, stillHeld);
  if (err) return err;
  // The appended text is one more item (the file ended with a newline: it has a tail).
  const blocks = cached.blocks ? [...cached.blocks, blockHash(next.slice(text.length))] : undefined;
  await writeCache(path, { hash: contentHash(next), entries: [...cached.entries, entry], tail: cached.tail, ...(blocks ? { blocks } : {}) });
  return { result: a.result };
}
