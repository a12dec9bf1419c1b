// Dotenv: parses a workspace's `.env` text, and remembers its key values in
// the output boundary before any verb runs (src/cli.ts, src/index.ts), so a
// key kept there is scrubbed from every output even on paths that never read
// it (a vendor echoing it, a catalog listing it). Never writes `.env`.
// Guarantees: linear in the file's length; a missing, unreadable or huge
// (> 1 MiB) file is skipped; each file is read once per size and mtime.
import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { generation, rememberVariable } from './boundary.js';

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

/** Remembers the values of `DIR/.env` (key variables by name, key-shaped values whatever the name). */
export function rememberWorkspaceEnv(dir: string | undefined): void {
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
    if (!st || !st.isFile() || st.size > 1 << 20) return;
    const stamp = `${generation}:${st.size}:${st.mtimeMs}`;
    if (seen.get(path) === stamp) return;
    seen.set(path, stamp);
    for (const [name, value] of parseDotenv(readFileSync(path, 'utf8'))) rememberVariable(name, value);
  } catch {
    /* no .env: nothing to remember */
  }
}
