// The registry file, config/custom_models.yaml: read and validate it, and
// change it safely.
// Guarantees:
// - Edits go through yaml's Document API, so the user's comments, key order
//   and unknown fields survive every change; only the fields that changed are
//   rewritten.
// - A write is atomic: a temp file in the same folder, fsync, rename (then a
//   best-effort fsync of the folder). A process killed at any point leaves the
//   old file or the new one, never a mix.
// - Writers serialise on config/custom_models.yaml.lock, created with its
//   content in one step (hard link of a temp file). A lock whose process is
//   gone (same host) or that is older than LOCK_STALE_MS is taken over;
//   waiting is bounded (BYOK_LOCK_TIMEOUT_MS, default 20 s) with jittered
//   backoff.
// - A file that does not parse or validate is reported with line and column
//   and never overwritten.
import { randomBytes } from 'node:crypto';
import { constants as fsc } from 'node:fs';
import { link, mkdir, open, readFile, readdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { Document, isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { fail, type Failure } from '../result.js';
import { Entry, RegistryFile } from './schema.js';
import { forbiddenKeyPath } from './validate.js';
import { redactKeys } from '../secrets/index.js';

export const REGISTRY_REL = join('config', 'custom_models.yaml');
const LOCK_STALE_MS = 15_000;

export function registryPath(workspace: string): string {
  return join(workspace, REGISTRY_REL);
}

/** The registry's JSON Schema in this byok package (schema/ ships in the package), for editors. */
const SCHEMA_URL = new URL('../../schema/custom_models.schema.json', import.meta.url).href;

// The first line points YAML editors (yaml-language-server) at the schema.
const HEADER = `# yaml-language-server: $schema=${SCHEMA_URL}
# Custom chat models registered with byok (\`byok add\`, \`byok add-template\`).
# You may edit this file and add comments or fields of your own: byok keeps
# them. Keys are never stored here; each entry names in api_key_env the
# variable (in .env or the environment) that holds its key.
# JSON Schema: \`byok schema registry\`, or schema/custom_models.schema.json in the byok package.
version: 1
models:
`;

export interface Registry {
  doc: Document;
  entries: Entry[];
  /** The file did not exist (or was empty): nothing to keep. */
  fresh: boolean;
}

function positionOf(doc: Document, lc: LineCounter, path: PropertyKey[]): string {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n) as (string | number)[], true) as Node | undefined;
    if (node && typeof node === 'object' && node.range) {
      const { line, col } = lc.linePos(node.range[0]);
      return `line ${line}, column ${col}`;
    }
  }
  return 'line 1, column 1';
}

function invalid(where: string, message: string): Failure {
  return fail(
    'invalid_registry',
    redactKeys(`${REGISTRY_REL} ${where}: ${message.replace(/\.$/, '')}. byok left the file unchanged; fix it or move it aside.`),
  );
}

/** Parses and validates the registry text (null: no file yet). */
export function parseRegistry(text: string | null): Registry | Failure {
  if (text === null || !text.trim()) return { doc: parseDocument(HEADER), entries: [], fresh: true };
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const err = doc.errors[0];
  if (err) {
    const { line, col } = lc.linePos(err.pos[0]);
    return invalid(`line ${line}, column ${col}`, `does not parse as YAML (${err.message.split('\n')[0]})`);
  }
  if (doc.contents === null) return { doc, entries: [], fresh: false };
  if (!isMap(doc.contents)) return invalid(positionOf(doc, lc, []), 'must be a mapping with a `models` list');
  const js = doc.toJS({ maxAliasCount: 100 });
  // Before zod, which would silently drop such a key instead of refusing it.
  const forbidden = forbiddenKeyPath(js);
  if (forbidden) return invalid(positionOf(doc, lc, forbidden), `the key ${String(forbidden[forbidden.length - 1])} is not allowed (prototype pollution) (${forbidden.join('.')})`);
  const r = RegistryFile.safeParse(js);
  if (!r.success) {
    const issue = r.error.issues[0];
    const path = issue.path.length ? ` (${issue.path.join('.')})` : '';
    return invalid(positionOf(doc, lc, issue.path), `${issue.message}${path}`);
  }
  return { doc, entries: r.data.models, fresh: false };
}

async function readText(path: string): Promise<string | null | Failure> {
  try {
    const bytes = await readFile(path);
    try {
      // Decoding with replacement characters and writing back would lose the user's bytes.
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return fail('invalid_registry', `${REGISTRY_REL} is not valid UTF-8 text; byok will not rewrite it. Fix or convert the file first.`);
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    return fail('io_error', `Cannot read ${REGISTRY_REL}: ${code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : 'read error'}.`);
  }
}

export async function readRegistry(workspace: string): Promise<Registry | Failure> {
  const text = await readText(registryPath(workspace));
  if (text !== null && typeof text === 'object') return text;
  return parseRegistry(text);
}

// ---------- locking ----------

interface LockInfo {
  pid: number;
  host: string;
  token: string;
  at: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readLock(lockPath: string): Promise<{ info: LockInfo | null; mtime: number } | null> {
  try {
    const [text, st] = await Promise.all([readFile(lockPath, 'utf8'), stat(lockPath)]);
    let info: LockInfo | null = null;
    try {
      info = JSON.parse(text) as LockInfo;
    } catch {
      info = null; // being written, or garbage
    }
    return { info, mtime: st.mtimeMs };
  } catch {
    return null;
  }
}

function isStale(l: { info: LockInfo | null; mtime: number }): boolean {
  if (Date.now() - l.mtime > LOCK_STALE_MS) return true;
  return !!l.info && l.info.host === hostname() && typeof l.info.pid === 'number' && !pidAlive(l.info.pid);
}

/** Removes a stale lock; if another process replaced it meanwhile, puts that one back. */
async function breakStale(lockPath: string, seen: LockInfo | null): Promise<void> {
  const aside = `${lockPath}.stale.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    await rename(lockPath, aside);
  } catch {
    return; // someone else broke it first
  }
  const moved = await readLock(aside);
  if (seen && moved?.info && moved.info.token !== seen.token) {
    await link(aside, lockPath).catch(() => undefined); // it was a fresh lock: restore it
  }
  await unlink(aside).catch(() => undefined);
}

export interface Lock {
  token: string;
  stillHeld(): Promise<boolean>;
  release(): Promise<void>;
}

/**
 * Creates the lock with its content in one step: the content goes to a temp
 * file that is then hard-linked to the lock name (link fails if the lock
 * exists), so no process ever sees an empty lock. Where hard links are not
 * supported, falls back to O_CREAT|O_EXCL.
 */
async function createLock(lockPath: string, content: string): Promise<'ok' | 'exists' | NodeJS.ErrnoException> {
  const tmp = `${lockPath}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, content, { flag: 'wx' });
  } catch (e) {
    return e as NodeJS.ErrnoException;
  }
  try {
    await link(tmp, lockPath);
    return 'ok';
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return 'exists';
    try {
      await writeFile(lockPath, content, { flag: 'wx' });
      return 'ok';
    } catch (e2) {
      return (e2 as NodeJS.ErrnoException).code === 'EEXIST' ? 'exists' : (e2 as NodeJS.ErrnoException);
    }
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
}

export async function acquireLock(workspace: string): Promise<Lock | Failure> {
  const lockPath = registryPath(workspace) + '.lock';
  const token = `${process.pid}-${randomBytes(8).toString('hex')}`;
  const info: LockInfo = { pid: process.pid, host: hostname(), token, at: Date.now() };
  const timeout = Number(process.env.BYOK_LOCK_TIMEOUT_MS) || 20_000;
  const deadline = Date.now() + timeout;
  let attempt = 0;
  for (;;) {
    const made = await createLock(lockPath, JSON.stringify(info));
    if (made === 'ok') {
      const owned = async () => (await readLock(lockPath))?.info?.token === token;
      return {
        token,
        stillHeld: owned,
        release: async () => {
          if (await owned()) await unlink(lockPath).catch(() => undefined);
        },
      };
    }
    if (made !== 'exists') {
      if (made.code === 'ENOENT') {
        try {
          await mkdir(dirname(lockPath), { recursive: true });
        } catch {
          return fail('io_error', `Cannot create the folder ${dirname(REGISTRY_REL)} in the workspace.`);
        }
        continue;
      }
      return fail('io_error', `Cannot create ${REGISTRY_REL}.lock (${made.code ?? 'error'}).`);
    }
    const held = await readLock(lockPath);
    if (held && isStale(held)) {
      await breakStale(lockPath, held.info);
      continue;
    }
    if (Date.now() > deadline) {
      const who = held?.info ? ` (pid ${held.info.pid})` : '';
      return fail('registry_locked', `Another byok process${who} has held ${REGISTRY_REL}.lock for over ${Math.round(timeout / 1000)} s; try again, or delete the lock file if no byok is running.`);
    }
    const delay = Math.min(40, 2 * 1.5 ** attempt++) * (0.5 + Math.random());
    await sleep(delay);
  }
}

// ---------- atomic write ----------

/**
 * Deletes temp files a killed process left behind: data temp files
 * (`custom_models.yaml.<pid>.<hex>.tmp`), lock temp files and locks set aside
 * while breaking a stale one, each only when the process named in it is gone.
 */
async function sweepOrphans(dir: string, base: string): Promise<void> {
  let names: string[] = [];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  const esc = base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`^${esc}\\.(?:lock\\.(?:stale\\.)?)?(\\d+)\\.[0-9a-f]+(?:\\.tmp)?$`);
  await Promise.all(
    names.map((n) => {
      const m = re.exec(n);
      return m && !pidAlive(Number(m[1])) ? unlink(join(dir, n)).catch(() => undefined) : undefined;
    }),
  );
}

export async function writeAtomic(path: string, text: string, beforeCommit?: () => Promise<boolean>): Promise<Failure | null> {
  const dir = dirname(path);
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  let mode = 0o644;
  try {
    mode = (await stat(path)).mode & 0o777;
  } catch {
    /* new file */
  }
  try {
    await mkdir(dir, { recursive: true });
    const fh = await open(tmp, fsc.O_CREAT | fsc.O_EXCL | fsc.O_WRONLY, mode);
    try {
      await fh.writeFile(text, 'utf8');
      await fh.sync();
    } finally {
      await fh.close();
    }
    if (beforeCommit && !(await beforeCommit())) {
      await unlink(tmp).catch(() => undefined);
      return fail('registry_locked', `Lost ${REGISTRY_REL}.lock to another process before writing; nothing was changed, try again.`);
    }
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    const code = (e as NodeJS.ErrnoException).code;
    return fail('io_error', `Cannot write ${REGISTRY_REL} (${code === 'EACCES' ? 'permission denied' : code === 'ENOSPC' ? 'disk full' : (code ?? 'error')}); the old file is unchanged.`);
  }
  try {
    const d = await open(dir, 'r');
    await d.sync().catch(() => undefined);
    await d.close();
  } catch {
    /* some platforms cannot fsync a folder */
  }
  return null;
}

// ---------- change ----------

export interface Change<T> {
  /** The value to return. */
  result: T;
  /** Whether the document was changed and must be written. */
  write: boolean;
}

/**
 * Runs `fn` on the current registry under the lock and writes the document
 * back if `fn` says so. `fn` edits `reg.doc` in place; a Failure aborts.
 */
export async function changeRegistry<T>(workspace: string, fn: (reg: Registry) => Change<T> | Failure): Promise<T | Failure> {
  const path = registryPath(workspace);
  const lock = await acquireLock(workspace);
  if ('ok' in lock) return lock;
  try {
    await sweepOrphans(dirname(path), relative(dirname(path), path));
    const reg = await readRegistry(workspace);
    if ('ok' in reg) return reg;
    const change = fn(reg);
    if ('ok' in change && change.ok === false) return change as Failure;
    const { result, write } = change as Change<T>;
    if (write) {
      // Never write what would not validate (a programmer error: inputs were checked before).
      const check = RegistryFile.safeParse(reg.doc.toJS());
      if (!check.success) throw new Error(`registry would not validate after the change: ${check.error.issues[0]?.message}`);
      const text = serialize(reg.doc);
      const err = await writeAtomic(path, text, lock.stillHeld);
      if (err) return err;
    }
    return result;
  } finally {
    await lock.release();
  }
}

export function serialize(doc: Document): string {
  return doc.toString({ lineWidth: 0 });
}

/** The `models` sequence, created (block style) when missing or empty. */
export function modelsSeq(doc: Document) {
  let node = doc.get('models', true);
  if (!isSeq(node)) {
    if (!isMap(doc.contents)) doc.contents = doc.createNode({ version: 1 }) as never;
    node = doc.createNode([]);
    doc.set('models', node);
  }
  if (isSeq(node)) node.flow = false;
  return node as import('yaml').YAMLSeq;
}
