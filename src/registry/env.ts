// Key presence: whether the variable an entry names is set, in the process
// environment or in the workspace's `.env`. byok never writes `.env` and never
// puts a value in any output: `keyIsSet` answers a boolean, and `keyValue`
// (for the discovery call and the key-shape check) stays inside the process.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { rememberVariable } from '../secrets/index.js';
import { parseDotenv } from '../secrets/dotenv.js';

/** `--workspace DIR`, else `$BYOK_WORKSPACE`, else the current directory. */
export function resolveWorkspace(workspace?: string): string {
  return resolve(workspace ?? process.env.BYOK_WORKSPACE ?? process.cwd());
}

/** The dotenv parser lives with the output boundary (src/secrets/dotenv.ts), which reads `.env` before any verb runs. */
export { parseDotenv };

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
