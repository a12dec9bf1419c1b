// The writers' lock on config/custom_models.yaml: fair to waiters, honest
// about what happened, and never stuck behind a holder that is gone.
// Guarantees:
// - The lock file is created with its content in one step (a temp file
//   hard-linked to the lock name), so a live holder's lock is never empty.
//   It records pid, host, the process start time (Linux /proc) and a token.
// - The holder refreshes the lock's mtime every HEARTBEAT_MS while it holds
//   it (the hold is one read-modify-write: milliseconds).
// - A waiter takes a lock over when its holder is gone: at once when the pid
//   is dead (or a zombie, or reused by another process) on this host; after
//   GARBAGE_MS when the lock is empty or unreadable; after SILENT_MS without
//   a heartbeat when its holder cannot be checked (another host, no /proc);
//   a live byok holder on this host only after LOCK_STALE_MS without a
//   heartbeat (a stopped process), the last resort.
// - Waiting backs off with jitter; the limit (BYOK_LOCK_TIMEOUT_MS, default
//   20 s) counts from the last change of holder, so a busy registry with
//   holders coming and going never times out a waiter; the error says how
//   long this process waited and how many holders it saw.
import { crypto } from '../lazy-builtins.js';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { fail, type Failure } from '../failure.js';
import { describeIoError, io } from './file.js';

const HEARTBEAT_MS = 1_000;
const GARBAGE_MS = 500;
const SILENT_MS = 4_000;
const LOCK_STALE_MS = 15_000;

interface LockInfo {
  pid: number;
  host: string;
  token: string;
  at: number;
  /** Process start time from /proc/PID/stat (clock ticks since boot), when known. */
  start?: string;
}

export interface Lock {
  token: string;
  /** How many times this process backed off (slept) before getting the lock. */
  sleeps: number;
  stillHeld(): Promise<boolean>;
  release(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** State and start time of a process on this host from /proc, or null when /proc cannot tell. */
function procStat(pid: number): { state: string; start: string } | null | 'gone' {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // ENOENT with a readable /proc means the process is gone.
    if (code === 'ENOENT') {
      try {
        readFileSync('/proc/self/stat');
        return 'gone';
      } catch {
        return null;
      }
    }
    return null;
  }
  const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { state: f[0], start: f[19] };
}

let selfStart: string | undefined | null = null;
function ownStart(): string | undefined {
  if (selfStart === null) {
    const s = procStat(process.pid);
    selfStart = s && s !== 'gone' ? s.start : undefined;
  }
  return selfStart;
}

/** What this host can tell about a lock holder. */
function holderState(info: LockInfo): 'dead' | 'alive' | 'unknown' {
  if (info.host !== hostname() || !Number.isInteger(info.pid) || info.pid <= 0) return 'unknown';
  try {
    process.kill(info.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return 'dead';
  }
  const st = procStat(info.pid);
  if (st === 'gone') return 'dead';
  if (!st) return 'unknown';
  if (st.state === 'Z' || st.state === 'X') return 'dead';
  // Same pid, another start time: the pid was reused by a process that is not our holder.
  if (info.start === undefined || st.start !== info.start) return info.start === undefined ? 'unknown' : 'dead';
  return 'alive';
}

interface Seen {
  /** The lock's content and inode: a new value is a new holder. */
  key: string;
  info: LockInfo | null;
  mtime: number;
}

async function readLock(lockPath: string): Promise<Seen | null> {
  try {
    const [text, st] = await Promise.all([io.readText(lockPath), io.stat(lockPath)]);
    let info: LockInfo | null = null;
    try {
      const j = JSON.parse(text);
      if (j && typeof j === 'object' && typeof j.token === 'string' && typeof j.pid === 'number' && typeof j.host === 'string') info = j as LockInfo;
    } catch {
      info = null;
    }
    return { key: `${st.ino}:${text}`, info, mtime: st.mtimeMs };
  } catch {
    return null;
  }
}

/** Removes a stale lock; if another process replaced it meanwhile, puts that one back. */
async function breakStale(lockPath: string, seen: Seen): Promise<void> {
  const aside = `${lockPath}.stale.${process.pid}.${crypto().randomBytes(4).toString('hex')}`;
  try {
    await io.rename(lockPath, aside);
  } catch {
    return; // someone else broke it first
  }
  const moved = await readLock(aside);
  if (moved && moved.key !== seen.key) {
    await io.link(aside, lockPath).catch(() => undefined); // it was a fresh lock: restore it
  }
  await io.unlink(aside).catch(() => undefined);
}

async function createLock(lockPath: string, content: string): Promise<'ok' | 'exists' | unknown> {
  const tmp = `${lockPath}.${process.pid}.${crypto().randomBytes(4).toString('hex')}.tmp`;
  try {
    await io.writeFile(tmp, content, 'wx');
  } catch (e) {
    return e;
  }
  try {
    await io.link(tmp, lockPath);
    return 'ok';
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return 'exists';
    // No hard links here (some network or FUSE file systems): exclusive create.
    try {
      await io.writeFile(lockPath, content, 'wx');
      return 'ok';
    } catch (e2) {
      return (e2 as NodeJS.ErrnoException).code === 'EEXIST' ? 'exists' : e2;
    }
  } finally {
    await io.unlink(tmp).catch(() => undefined);
  }
}

export function lockTimeoutMs(): number {
  return Number(process.env.BYOK_LOCK_TIMEOUT_MS) || 20_000;
}

/**
 * Takes the lock at `lockPath` (its folder must exist). `shown` is the
 * lock's name in messages.
 */
export async function acquireLock(lockPath: string, shown: string): Promise<Lock | Failure> {
  const token = `${process.pid}-${crypto().randomBytes(8).toString('hex')}`;
  const start = ownStart();
  const info: LockInfo = { pid: process.pid, host: hostname(), token, at: Date.now(), ...(start ? { start } : {}) };
  const timeout = lockTimeoutMs();
  const began = Date.now();
  let holders = 0;
  let current: { key: string; since: number; mtime: number; mtimeSince: number } | null = null;
  let lastChange = began;
  let attempt = 0;
  let sleeps = 0;
  // Whether the last look found the lock free: only then is creating it worth its three file operations.
  let tryCreate = true;
  for (;;) {
    if (tryCreate) {
      const made = await createLock(lockPath, JSON.stringify(info));
      if (made === 'ok') return held(lockPath, token, sleeps);
      if (made !== 'exists') return fail('io_error', `Cannot create ${shown}: ${describeIoError(made)}.`);
    }
    const seen = await readLock(lockPath);
    const now = Date.now();
    tryCreate = !seen;
    if (!seen) {
      // Released between our try and our look: a change of holder.
      lastChange = now;
      current = null;
      continue;
    }
    if (!current || current.key !== seen.key) {
      holders++;
      attempt = 0;
      lastChange = now;
      current = { key: seen.key, since: now, mtime: seen.mtime, mtimeSince: now };
    } else if (seen.mtime !== current.mtime) {
      current.mtime = seen.mtime;
      current.mtimeSince = now;
    }
    // Heartbeat silence as observed here (immune to clock skew), or by the file's own age.
    const silent = Math.max(now - current.mtimeSince, now - seen.mtime);
    const state = seen.info ? holderState(seen.info) : null;
    const stale =
      state === null ? now - current.since >= GARBAGE_MS || now - seen.mtime >= GARBAGE_MS
      : state === 'dead' ? true
      : state === 'unknown' ? silent >= SILENT_MS
      : silent >= LOCK_STALE_MS;
    if (stale) {
      await breakStale(lockPath, seen);
      tryCreate = true;
      continue;
    }
    if (now - lastChange > timeout) {
      const who = seen.info ? `pid ${seen.info.pid}${seen.info.host === hostname() ? ' on this host' : ` on ${seen.info.host.slice(0, 64)}`}` : 'an unreadable lock';
      return fail(
        'registry_locked',
        `Waited ${((now - began) / 1000).toFixed(1)} s for ${shown} and saw ${holders} holder${holders === 1 ? '' : 's'}; the current one (${who}) has held it for ${((now - current.since) / 1000).toFixed(1)} s without letting go. Try again; if no byok is running, delete ${shown}. BYOK_LOCK_TIMEOUT_MS sets the wait (now ${timeout} ms).`,
      );
    }
    // Up to 100 ms: 20 waiters polling faster only steal CPU from the holder on a small machine.
    const delay = Math.min(100, 2 * 1.5 ** attempt++) * (0.5 + Math.random());
    sleeps++;
    await sleep(delay);
  }
}

function held(lockPath: string, token: string, sleeps: number): Lock {
  const beat = setInterval(() => {
    io.utimes(lockPath, new Date()).catch(() => undefined);
  }, HEARTBEAT_MS);
  beat.unref();
  const owned = async () => (await readLock(lockPath))?.info?.token === token;
  return {
    token,
    sleeps,
    stillHeld: owned,
    release: async () => {
      clearInterval(beat);
      if (await owned()) await io.unlink(lockPath).catch(() => undefined);
    },
  };
}
