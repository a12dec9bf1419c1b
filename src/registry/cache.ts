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
// - When the fast reader cut the file into its `models` items
//   (./fast-yaml.ts modelItems), the cache also keeps a digest of each item's
//   text (`blocks`, beside `entries`). After an edit, the items whose text is
//   unchanged take their validated entry from the old cache and only the
//   others are parsed and validated (./read.ts fastRegistry): an entry depends
//   on its own text alone. The digest is SHA-256 cut to 128 bits.
// Decision: the cache is trusted like the user's own files (it lives in the
// user's cache folder and holds only what byok itself validated).
import { crypto } from '../lazy-builtins.js';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { io } from './file.js';
import type { Entry } from './schema.js';

const CACHE_VERSION = 3;
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
  /** blockHash of each entry's item text, in order, when the fast reader cut the file into items. */
  blocks?: string[];
}

/** What the cache holds for a registry: the entries of this very text (`hit`), else those of the text before the edit (`previous`, only with `blocks`). */
export interface CacheRead {
  hit: Cached | null;
  previous: Cached | null;
}

/** SHA-256 of a text (as UTF-8) or of its bytes: the same digest for both. */
export function contentHash(text: string | Uint8Array): string {
  return crypto().createHash('sha256').update(text).digest('hex');
}

/** The digest of one item's text in `blocks`. */
export function blockHash(text: string): string {
  return contentHash(text).slice(0, 32);
}

function cacheDir(): string {
  return process.env.BYOK_CACHE_DIR || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'byok');
}

function cacheFile(registryPath: string): string {
  return join(cacheDir(), `registry-${contentHash(registryPath).slice(0, 24)}.json`);
}

/** How a cache file starts (writeCache puts `v` and `hash` first, then `blocks` when it has them). */
const head = (hash: string) => `{"v":${CACHE_VERSION},"hash":${JSON.stringify(hash)},`;
const HASHED = new RegExp(`^\\{"v":${CACHE_VERSION},"hash":"[0-9a-f]{64}","blocks":`);

/**
 * The cache of the text whose contentHash is `hash`. On a miss, with
 * `previous`, the cache of the text before (for the items it shares with this
 * one), when it has blocks; a cache without them is not parsed.
 */
export async function readCache(registryPath: string, hash: string, previous = false): Promise<CacheRead> {
  try {
    const text = await io.readText(cacheFile(registryPath));
    const hit = text.startsWith(head(hash));
    if (!hit && !(previous && HASHED.test(text.slice(0, 120)))) return { hit: null, previous: null };
    const j = JSON.parse(text);
    if (j && j.v === CACHE_VERSION && typeof j.hash === 'string' && Array.isArray(j.entries)) {
      const blocks = Array.isArray(j.blocks) && j.blocks.length === j.entries.length ? (j.blocks as string[]) : undefined;
      const c: Cached = { hash: j.hash, entries: j.entries, tail: j.tail ?? null, ...(blocks ? { blocks } : {}) };
      if (hit && j.hash === hash) return { hit: c, previous: null };
      if (!hit && blocks) return { hit: null, previous: c };
    }
  } catch {
    /* no cache, or an unreadable one */
  }
  return { hit: null, previous: null };
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
    await io.writeFile(tmp, JSON.stringify({ v: CACHE_VERSION, hash: c.hash, blocks: c.blocks, entries: c.entries, tail: c.tail }), 'wx');
    await io.rename(tmp, file);
  } catch {
    await io.unlink(tmp).catch(() => undefined);
  }
}
