// A cache of the validated registry, so a big registry is parsed once per
// change of the file rather than once per command: YAML parsing is most of
// the cost of `list`, `get` and `add` on 1,000 entries.
// Guarantees:
// - Keyed by the SHA-256 of the file's exact bytes (as text) and
//   CACHE_VERSION: any edit, by byok or by hand, misses the cache, and the
//   file is parsed and validated again. Bump CACHE_VERSION whenever the entry
//   schema or a validation rule changes.
// - Every registry with an entry is cached (CACHE_MIN_ENTRIES): even a small
//   one parses in a few milliseconds but needs yaml and zod, whose loading
//   costs more than node's own start-up; a cache hit loads neither (./read.ts).
//   In $BYOK_CACHE_DIR, else $XDG_CACHE_HOME/byok, else ~/.cache/byok; one
//   file per registry path, written atomically.
//   Any failure to read or write the cache only means a slower command.
// - The cache holds what the registry holds: entries, never keys.
// Decision: the cache is trusted like the user's own files (it lives in the
// user's cache folder and holds only what byok itself validated).
import { crypto } from '../lazy-builtins.js';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { io } from './file.js';
import type { Entry } from './schema.js';

const CACHE_VERSION = 2;
export const CACHE_MIN_ENTRIES = 1;

/** Where a new entry can be appended as text: the `models` list is the file's last node, in block style. */
export interface Tail {
  /** Column (0-based) of the `-` of each item. */
  indent: number;
}

export interface Cached {
  hash: string;
  entries: Entry[];
  tail: Tail | null;
}

/** SHA-256 of a text (as UTF-8) or of its bytes: the same digest for both. */
export function contentHash(text: string | Uint8Array): string {
  return crypto().createHash('sha256').update(text).digest('hex');
}

function cacheDir(): string {
  return process.env.BYOK_CACHE_DIR || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'byok');
}

function cacheFile(registryPath: string): string {
  return join(cacheDir(), `registry-${contentHash(registryPath).slice(0, 24)}.json`);
}

/** How a cache file starts (writeCache puts `v` and `hash` first): a cache of another text is known without parsing it. */
const head = (hash: string) => `{"v":${CACHE_VERSION},"hash":${JSON.stringify(hash)},`;

export async function readCache(registryPath: string, hash: string): Promise<Cached | null> {
  try {
    const text = await io.readText(cacheFile(registryPath));
    // After an edit the cache holds the old text's entries: not worth parsing.
    if (!text.startsWith(head(hash))) return null;
    const j = JSON.parse(text);
    if (j && j.v === CACHE_VERSION && j.hash === hash && Array.isArray(j.entries)) return { hash, entries: j.entries, tail: j.tail ?? null };
  } catch {
    /* no cache, or an unreadable one */
  }
  return null;
}

export async function writeCache(registryPath: string, c: Cached): Promise<void> {
  if (c.entries.length < CACHE_MIN_ENTRIES) return;
  const file = cacheFile(registryPath);
  const dir = dirname(file);
  // Never a recursive mkdir (it can loop forever on odd paths): two levels at most.
  await io.mkdir(dirname(dir)).catch(() => undefined);
  await io.mkdir(dir).catch(() => undefined);
  const tmp = `${file}.${process.pid}.${crypto().randomBytes(4).toString('hex')}.tmp`;
  try {
    await io.writeFile(tmp, JSON.stringify({ v: CACHE_VERSION, hash: c.hash, entries: c.entries, tail: c.tail }), 'wx');
    await io.rename(tmp, file);
  } catch {
    await io.unlink(tmp).catch(() => undefined);
  }
}
