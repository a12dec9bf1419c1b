// Key presence: whether the variable an entry names is set, in the process
// environment or in the workspace's `.env`. byok never writes `.env` and never
// puts a value in any output: `keyIsSet` answers a boolean, and `keyValue`
// (for the discovery call and the key-shape check) stays inside the process.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { rememberVariable } from '../secrets/index.js';

/** `--workspace DIR`, else `$BYOK_WORKSPACE`, else the current directory. */
export function resolveWorkspace(workspace?: string): string {
  return resolve(workspace ?? process.env.BYOK_WORKSPACE ?? process.cwd());
}

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

/** Reads `DIR/.env` once per call; a missing or unreadable file is empty. Its key values join the output boundary's memory. */
export function readDotenv(workspace: string): Map<string, string> {
  try {
    const vars = parseDotenv(readFileSync(join(workspace, '.env'), 'utf8'));
    for (const [name, value] of vars) rememberVariable(name, value);
    return vars;
  } catch {
    return new Map();
  }
}

/** Answers whether keys are set, reading `.env` at most once. */
export class KeyLookup {
  private dotenv: Map<string, string> | undefined;
  constructor(readonly workspace: string) {}

  private fromDotenv(name: string): string | undefined {
    this.dotenv ??= readDotenv(this.workspace);
    return this.dotenv.get(name);
  }

  /** Set in the process environment or defined non-empty in `.env`. */
  isSet(name: string | null): boolean {
    if (!name) return false;
    return Boolean(process.env[name]) || Boolean(this.fromDotenv(name));
  }

  /** The value, for in-process use only (discovery auth, key-shape check). Never output it. */
  value(name: string | null): string | undefined {
    if (!name) return undefined;
    return process.env[name] || this.fromDotenv(name) || undefined;
  }
}
