// Dotenv: parses a workspace's `.env` text, and remembers its key values in
// the output boundary before any verb runs (src/cli.ts, src/index.ts), so a
// key kept there is scrubbed from every output even on paths that never read
// it (a vendor echoing it, a catalog listing it). Never writes `.env`.
// Guarantees: linear in the file's length; a missing, unreadable or huge
// (> 1 MiB) file is skipped; each file is read once per size and mtime.
// A folder that had a `.env` is looked at again on every call, so an edit of
// it is read by the next call. A folder that had none may be looked at again
// only after `absentRecheckMs` (the library's parse functions pass
// ABSENT_RECHECK_MS): one stat per call cost a parse of a short paste about a
// sixth of its time (a system call also slows the code that runs after it),
// and a parse of a paste has no other file access. So a `.env` created
// within that second after such a call in the same process is read by the
// first call after the second ends. Key-shaped keys never depend on it: the
// paste's own scan finds them, and credential positions are redacted anyway.
import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { memoryGeneration, rememberVariable } from './boundary.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/**
 * Parses dotenv text into name -> value: `NAME=value`, `export NAME=value`,
 * single, double or backtick quotes (double quotes may span lines and take
 * `\n` escapes), `#` comments on their own line or after an unquoted value.
 * Later definitions win, as in the dotenv packages.
 */
export function parseDotenv(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const src = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  let i = 0;
  while (i < src.length) {
    let end = src.indexOf('\n', i);
    if (end < 0) end = src.length;
    const line = src.slice(i, end);
    const m = /^\s*(?:export\s+)?([^=\s#]+)\s*=\s*/.exec(line);
    if (!m || !NAME.test(m[1])) {
      i = end + 1;
      continue;
    }
    const name = m[1];
    const start = i + m[0].length;
    const q = src[start];
    if (q === '"' || q === "'" || q === '`') {
      const close = src.indexOf(q, start + 1);
      if (close < 0) {
        // Unterminated quote: take the rest of the line, as dotenv does.
        out.set(name, src.slice(start + 1, end));
        i = end + 1;
        continue;
      }
      let value = src.slice(start + 1, close);
      if (q === '"') value = value.replace(/\\n/g, '\n').replace(/\\"/g, '"');
      out.set(name, value);
      const after = src.indexOf('\n', close);
      i = after < 0 ? src.length : after + 1;
      continue;
    }
    let value = src.slice(start, end);
    const hash = value.search(/(^|\s)#/);
    if (hash >= 0) value = value.slice(0, hash);
    out.set(name, value.trim());
    i = end + 1;
  }
  return out;
}

const seen = new Map<string, string>();
/** The last folder asked for and its `.env` path (resolving a path costs more than the stat that follows). */
let lastDir = '';
let lastPath = '';

/** How long the parse functions of the library trust that a folder has no `.env` (ms). */
export const ABSENT_RECHECK_MS = 1000;
/**
 * Folders found without a `.env`, by the argument as given (NONE for none: the folder is then
 * not resolved again while the answer holds), with when (Date.now(): a clock set back ends the
 * interval) and the memory's generation then.
 */
const absent = new Map<string, { at: number; generation: number }>();
const NONE = '\0';
const MAX_ABSENT = 256;

/**
 * Remembers the values of `DIR/.env` (key variables by name, key-shaped values whatever the name).
 * `absentRecheckMs`: a folder found without a `.env` is not looked at again for that long.
 */
export function rememberWorkspaceEnv(dir: string | undefined, absentRecheckMs = 0): void {
  // An answer "no .env" for this same argument, within the interval: nothing to resolve or look up
  // (reading $BYOK_WORKSPACE and resolving the folder cost more than the rest).
  const key = dir ?? NONE;
  if (absentRecheckMs > 0) {
    const gone = absent.get(key);
    const age = gone && gone.generation === memoryGeneration() ? Date.now() - gone.at : -1;
    if (age >= 0 && age < absentRecheckMs) return;
  }
  try {
    const given = dir ?? process.env.BYOK_WORKSPACE ?? process.cwd();
    // A relative folder is relative to the current one, which may have changed since.
    const d = isAbsolute(given) ? given : process.cwd() + '\0' + given;
    if (d !== lastDir) {
      lastPath = join(resolve(given), '.env');
      lastDir = d;
    }
    const path = lastPath;
    // No .env is the common case: answered without an exception (building one costs more than the stat).
    const st = statSync(path, { throwIfNoEntry: false });
    if (!st) {
      if (absentRecheckMs > 0) {
        if (absent.size >= MAX_ABSENT) absent.clear();
        absent.set(key, { at: Date.now(), generation: memoryGeneration() });
      }
      return;
    }
    absent.delete(key);
    if (!st.isFile() || st.size > 1 << 20) return;
    const stamp = `${memoryGeneration()}:${st.size}:${st.mtimeMs}`;
    if (seen.get(path) === stamp) return;
    seen.set(path, stamp);
    for (const [name, value] of parseDotenv(readFileSync(path, 'utf8'))) rememberVariable(name, value);
  } catch {
    /* no .env: nothing to remember */
  }
}
