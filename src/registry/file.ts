// File operations for the registry, each with a deadline, and the atomic
// write that keeps the file as its user keeps it.
// Guarantees:
// - Every operation either settles or fails with `io_error` within
//   BYOK_IO_TIMEOUT_MS (default 10 s): a hung mount, or a path under /proc,
//   never hangs a command. No recursive mkdir (Node's loops forever on some
//   paths, e.g. /proc/1/x): only `config/` is ever created, in a workspace
//   that exists.
// - A write goes to a temp file beside the real target (a symlinked registry
//   is written through to its target, so a dotfiles link survives), is
//   fsynced, and renamed over the target; the target's mode is kept. Any
//   failure (full disk, failed rename) removes the temp file and leaves the
//   original byte for byte.
// - The byte-order mark and CRLF line endings of the file survive a write.
import { crypto, fsPromises as fsp } from '../lazy-builtins.js';
import { constants as fsc } from 'node:fs';
import type * as FsPromises from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fail, type Failure } from '../failure.js';


export const REGISTRY_REL = join('config', 'custom_models.yaml');

export function registryPath(workspace: string): string {
  return join(workspace, REGISTRY_REL);
}

/** A rejection that says the file system did not answer in time. */
export class Timeout extends Error {
  readonly code = 'ETIMEDOUT';
}

export function ioDeadlineMs(): number {
  return Number(process.env.BYOK_IO_TIMEOUT_MS) || 10_000;
}

/** `p`, or a Timeout rejection after the deadline (the timer never keeps the process alive). */
export function withDeadline<T>(p: Promise<T>, ms = ioDeadlineMs()): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Timeout('file system did not answer')), ms);
    timer.unref();
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

/** The fs functions the registry uses, each bounded by the deadline. */
export const io = {
  readFile: (p: string) => withDeadline(fsp().readFile(p)),
  readText: (p: string) => withDeadline(fsp().readFile(p, 'utf8')),
  writeFile: (p: string, data: string, flag = 'w') => withDeadline(fsp().writeFile(p, data, { flag })),
  stat: (p: string) => withDeadline(fsp().stat(p)),
  lstat: (p: string) => withDeadline(fsp().lstat(p)),
  readlink: (p: string) => withDeadline(fsp().readlink(p)),
  link: (a: string, b: string) => withDeadline(fsp().link(a, b)),
  unlink: (p: string) => withDeadline(fsp().unlink(p)),
  rename: (a: string, b: string) => withDeadline(fsp().rename(a, b)),
  readdir: (p: string) => withDeadline(fsp().readdir(p)),
  mkdir: (p: string) => withDeadline(fsp().mkdir(p)),
  utimes: (p: string, t: Date) => withDeadline(fsp().utimes(p, t, t)),
  access: (p: string, mode: number) => withDeadline(fsp().access(p, mode)),
  open: (p: string, flags: number | string, mode?: number) => withDeadline(fsp().open(p, flags, mode)),
  /** Writes all of `text` and fsyncs it. */
  writeSynced: async (fh: FsPromises.FileHandle, text: string) => {
    await withDeadline(fh.writeFile(text, 'utf8'));
    await withDeadline(fh.sync());
  },
};

/** One short phrase for an fs error code, for messages. */
export function describeIoError(e: unknown): string {
  if (e instanceof Timeout) return `the file system did not answer within ${Math.round(ioDeadlineMs() / 1000)} s`;
  const code = (e as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EDQUOT':
      return 'the disk quota is exhausted';
    case 'EROFS':
      return 'the file system is read-only';
    case 'EISDIR':
      return 'it is a folder';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    case 'ENOENT':
      return 'a part of the path does not exist';
    case 'ELOOP':
      return 'too many symbolic links';
    default:
      return code ? `error ${code}` : 'an I/O error';
  }
}

/** How the user's file is written: kept through every rewrite. */
export interface TextFormat {
  bom: boolean;
  crlf: boolean;
}

export function formatOf(text: string): TextFormat {
  const nl = text.indexOf('\n');
  return { bom: text.charCodeAt(0) === 0xfeff, crlf: nl > 0 && text[nl - 1] === '\r' };
}

/** The text without its BOM, for the parser. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Serialised YAML (LF) in the file's own format. */
export function applyFormat(text: string, f: TextFormat): string {
  const body = f.crlf ? text.replace(/\r?\n/g, '\r\n') : text;
  return f.bom ? '\uFEFF' + body : body;
}

/** Whether the workspace folder exists: null when it does, else the failure to return. */
export async function checkWorkspace(workspace: string): Promise<Failure | null> {
  try {
    const st = await io.stat(workspace);
    if (st.isDirectory()) return null;
    return fail('not_found', `The workspace ${workspace} is not a folder; pass --workspace DIR (or set BYOK_WORKSPACE) to the project folder.`);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException)?.code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      return fail('not_found', `The workspace ${workspace} does not exist; pass --workspace DIR (or set BYOK_WORKSPACE) to an existing project folder.`);
    }
    return fail('io_error', `Cannot open the workspace ${workspace}: ${describeIoError(e)}.`);
  }
}

/** Creates `DIR/config` if missing (never its parents). Answers whether it was created. */
export async function ensureConfigDir(workspace: string): Promise<boolean | Failure> {
  const dir = dirname(registryPath(workspace));
  try {
    await io.mkdir(dir);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException)?.code;
    if (code === 'EEXIST') {
      try {
        if ((await io.stat(dir)).isDirectory()) return false;
      } catch {
        /* reported below */
      }
      return fail('io_error', `${join(workspace, 'config')} exists but is not a folder; byok keeps its registry in config/custom_models.yaml.`);
    }
    return fail('io_error', `Cannot create the folder ${dir}: ${describeIoError(e)}.`);
  }
}

/**
 * The file a write must replace: the registry path itself, or, when it is a
 * symbolic link, the file the link points to (followed up to 16 times).
 */
export async function writeTarget(path: string): Promise<string> {
  let p = path;
  for (let i = 0; i < 16; i++) {
    let st;
    try {
      st = await io.lstat(p);
    } catch {
      return p; // missing (a new file, or a dangling link's target): written here
    }
    if (!st.isSymbolicLink()) return p;
    const to = await io.readlink(p);
    p = isAbsolute(to) ? to : resolve(dirname(p), to);
  }
  const e = new Error('symlink loop') as NodeJS.ErrnoException;
  e.code = 'ELOOP';
  throw e;
}

/**
 * A file the user has made read-only is refused, not replaced (a rename would
 * succeed in a writable folder, and as root even a 0444 file is writable).
 */
export async function refuseReadOnly(target: string, shown: string): Promise<Failure | null> {
  let mode: number;
  try {
    mode = (await io.stat(target)).mode;
  } catch {
    return null; // no file yet
  }
  let writable = (mode & 0o222) !== 0;
  if (writable) {
    try {
      await io.access(target, fsc.W_OK);
    } catch {
      writable = false;
    }
  }
  return writable ? null : fail('io_error', `${shown} is read-only; byok will not replace it. Make it writable (chmod u+w ${shown}) to change the registry, or leave it as it is.`);
}

/**
 * Writes `text` to `target` atomically: temp file in the same folder, fsync,
 * `beforeCommit` (false aborts: the lock was lost), rename, folder fsync.
 */
export async function writeAtomic(target: string, shown: string, text: string, beforeCommit?: () => Promise<boolean>): Promise<Failure | null> {
  const dir = dirname(target);
  const tmp = join(dir, `${target.slice(dir.length + 1)}.${process.pid}.${crypto().randomBytes(4).toString('hex')}.tmp`);
  let mode = 0o644;
  try {
    mode = (await io.stat(target)).mode & 0o777;
  } catch {
    /* new file */
  }
  try {
    const fh = await io.open(tmp, fsc.O_CREAT | fsc.O_EXCL | fsc.O_WRONLY, mode);
    try {
      await io.writeSynced(fh, text);
    } finally {
      await fh.close().catch(() => undefined);
    }
    if (beforeCommit && !(await beforeCommit())) {
      await io.unlink(tmp).catch(() => undefined);
      return fail('registry_locked', `Lost ${shown}.lock to another process before writing; nothing was changed, try again.`);
    }
    await io.rename(tmp, target);
  } catch (e) {
    await io.unlink(tmp).catch(() => undefined);
    return fail('io_error', `Cannot write ${shown}: ${describeIoError(e)}; the old file is unchanged.`);
  }
  try {
    const d = await io.open(dir, 'r');
    await withDeadline(d.sync()).catch(() => undefined);
    await d.close();
  } catch {
    /* some platforms cannot fsync a folder */
  }
  return null;
}
