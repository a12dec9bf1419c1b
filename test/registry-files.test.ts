// The registry file as users keep it (symlinks, BOM + CRLF, read-only,
// empty `models:`, YAML aliases), workspaces that do not exist, file
// operations that fail or hang, and the writers' lock facing holders that
// are gone, garbage, from another host, or coming and going.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { add, get, listModels, remove } from '../src/registry/index.js';
import { io, Timeout, withDeadline, describeIoError } from '../src/registry/file.js';
import { acquireLock } from '../src/registry/lock.js';
import { parseRegistry, REGISTRY_REL } from '../src/registry/store.js';

function ws(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'byok-files-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}
const entry = (model: string) => ({ upstream_model: model, base_url: 'https://api.example.com/v1' });

const saved: Record<string, string | undefined> = {};
function setEnv(k: string, v: string) {
  if (!(k in saved)) saved[k] = process.env[k];
  process.env[k] = v;
}
afterEach(() => {
  vi.restoreAllMocks();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
    delete saved[k];
  }
});

describe('files as users keep them', () => {
  it('writes a symlinked registry through to its target; the link stays a link', async () => {
    const dir = ws();
    const dot = ws({ 'byok/models.yaml': 'version: 1\nmodels: []\n' });
    mkdirSync(join(dir, 'config'));
    symlinkSync(join(dot, 'byok/models.yaml'), join(dir, REGISTRY_REL));
    const r = await add(entry('linked'), { workspace: dir });
    expect(r).toMatchObject({ ok: true, created: true });
    expect(lstatSync(join(dir, REGISTRY_REL)).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dot, 'byok/models.yaml'), 'utf8')).toContain('upstream_model: linked');
    expect(readdirSync(join(dot, 'byok'))).toEqual(['models.yaml']);
  });

  it('keeps a byte-order mark and CRLF line endings through a write', async () => {
    const text = '\uFEFF# mine\r\nversion: 1\r\nmodels:\r\n  - id: custom/llama3-0000\r\n    name: Local\r\n    upstream_model: llama3\r\n    base_url: http://localhost:11434/v1\r\n    wire: openai\r\n    api_key_env: null\r\n    auth: { in: none }\r\n';
    const dir = ws({ [REGISTRY_REL]: text });
    expect(await listModels({ workspace: dir })).toMatchObject({ ok: true, count: 1 });
    expect(await add(entry('second'), { workspace: dir })).toMatchObject({ ok: true });
    const out = readFileSync(join(dir, REGISTRY_REL), 'utf8');
    expect(out.charCodeAt(0)).toBe(0xfeff);
    expect(out.charCodeAt(1)).not.toBe(0xfeff);
    expect(out).toMatch(/\r\n/);
    expect(out.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(out).toContain('# mine\r\n');
    expect(await listModels({ workspace: dir })).toMatchObject({ ok: true, count: 2 });
  });

  it('refuses a read-only registry instead of replacing it, and says how to allow it', async () => {
    const text = 'version: 1\nmodels: []\n';
    const dir = ws({ [REGISTRY_REL]: text });
    chmodSync(join(dir, REGISTRY_REL), 0o444);
    const r = await add(entry('x'), { workspace: dir });
    expect(r).toMatchObject({ ok: false, code: 'io_error' });
    expect(r.error).toMatch(/config\/custom_models\.yaml is read-only; byok will not replace it.*chmod u\+w/);
    expect(readFileSync(join(dir, REGISTRY_REL), 'utf8')).toBe(text);
    expect(lstatSync(join(dir, REGISTRY_REL)).mode & 0o777).toBe(0o444);
    expect(await listModels({ workspace: dir })).toMatchObject({ ok: true, count: 0 });
  });

  it('an empty `models:` is a valid empty registry', async () => {
    const dir = ws({ [REGISTRY_REL]: '# kept\nversion: 1\nmodels:\n' });
    expect(await listModels({ workspace: dir })).toEqual({ ok: true, count: 0, models: [] });
    expect(await add(entry('first'), { workspace: dir })).toMatchObject({ ok: true, created: true });
    const l = await listModels({ workspace: dir });
    expect(l).toMatchObject({ ok: true, count: 1 });
    expect(readFileSync(join(dir, REGISTRY_REL), 'utf8')).toContain('# kept');
  });

  it('an alias bomb is invalid_registry with line and column, never internal', async () => {
    const rows = ['version: 1', 'a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) rows.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill('*' + String.fromCharCode(96 + i)).join(', ')}]`);
    rows.push('models: []');
    const dir = ws({ [REGISTRY_REL]: rows.join('\n') + '\n' });
    const r = await listModels({ workspace: dir });
    expect(r).toMatchObject({ ok: false, code: 'invalid_registry' });
    expect(r.error).toMatch(/line 3, column \d+: has YAML aliases that expand/);
  });

  it('an unresolved alias is invalid_registry with its position, without repeating the alias', () => {
    const name = 'zqxAliasName';
    const r = parseRegistry(`version: 1\nmodels:\n  - id: *${name}\n`) as { ok: false; code: string; error: string };
    expect(r).toMatchObject({ ok: false, code: 'invalid_registry' });
    expect(r.error).toMatch(/line 3, column 9: has a YAML alias/);
    expect(r.error).not.toContain(name);
    // A defined anchor used by an alias is fine.
    const ok = parseRegistry('version: 1\nh: &h { X-Title: app }\nmodels:\n  - id: custom/a-0000\n    name: a\n    upstream_model: a\n    base_url: http://localhost:1/v1\n    wire: openai\n    api_key_env: null\n    auth: { in: none }\n    headers: *h\n');
    expect('ok' in ok).toBe(false);
  });
});

describe('workspaces', () => {
  it('list, get, add and remove on a workspace that does not exist say so', async () => {
    const dir = join(ws(), 'no', 'such');
    for (const r of [await listModels({ workspace: dir }), await get('custom/x-0000', { workspace: dir }), await add(entry('m'), { workspace: dir }), await remove('custom/x-0000', { workspace: dir })]) {
      expect(r).toMatchObject({ ok: false, code: 'not_found' });
      expect(r.error).toContain(`The workspace ${dir} does not exist`);
    }
    expect(existsSync(dir)).toBe(false);
  });

  it('a path under /proc answers at once instead of hanging', async () => {
    if (!existsSync('/proc/1')) return;
    const r = await add(entry('m'), { workspace: '/proc/1/x' });
    expect(r).toMatchObject({ ok: false, code: 'not_found' });
  });

  it('add creates config/ and says where it wrote', async () => {
    const dir = ws();
    const r = await add(entry('m'), { workspace: dir });
    expect(r).toMatchObject({ ok: true, registry: join(dir, REGISTRY_REL) });
    expect(r.note).toContain(`in ${join(dir, REGISTRY_REL)} (created the config folder)`);
    const again = await add(entry('m2'), { workspace: dir });
    expect(again.note).not.toContain('created the config folder');
  });

  it('a failed rename or a full disk is a clear error and leaves the original untouched', async () => {
    const dir = ws();
    await add(entry('first'), { workspace: dir });
    const before = readFileSync(join(dir, REGISTRY_REL), 'utf8');
    vi.spyOn(io, 'rename').mockRejectedValueOnce(Object.assign(new Error('cross-device'), { code: 'EXDEV' }));
    const r1 = await add(entry('second'), { workspace: dir });
    expect(r1).toMatchObject({ ok: false, code: 'io_error' });
    expect(r1.error).toMatch(/Cannot write config\/custom_models\.yaml: error EXDEV; the old file is unchanged/);
    vi.spyOn(io, 'writeSynced').mockRejectedValueOnce(Object.assign(new Error('full'), { code: 'ENOSPC' }));
    const r2 = await add(entry('second'), { workspace: dir });
    expect(r2.error).toMatch(/the disk is full; the old file is unchanged/);
    expect(readFileSync(join(dir, REGISTRY_REL), 'utf8')).toBe(before);
    expect(readdirSync(join(dir, 'config'))).toEqual(['custom_models.yaml']);
  });

  it('every file operation has a deadline', async () => {
    const never = new Promise<never>(() => undefined);
    await expect(withDeadline(never, 20)).rejects.toBeInstanceOf(Timeout);
    setEnv('BYOK_IO_TIMEOUT_MS', '30');
    expect(describeIoError(new Timeout('x'))).toMatch(/did not answer within 0 s/);
    const dir = ws({ [REGISTRY_REL]: 'version: 1\nmodels: []\n' });
    vi.spyOn(io, 'readFile').mockImplementation(() => withDeadline(never));
    const r = await listModels({ workspace: dir });
    expect(r).toMatchObject({ ok: false, code: 'io_error' });
    expect(r.error).toMatch(/Cannot read config\/custom_models\.yaml: the file system did not answer/);
  });
});

describe('the writers\' lock', () => {
  function lockDir(): { dir: string; lock: string } {
    const dir = ws();
    mkdirSync(join(dir, 'config'));
    return { dir, lock: join(dir, REGISTRY_REL + '.lock') };
  }
  const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;
  const procStart = (pid: number) => readFileSync(`/proc/${pid}/stat`, 'utf8').split(')')[1].trim().split(' ')[19];

  it('takes over at once (no back-off) from a dead holder on this host', async () => {
    const { lock } = lockDir();
    writeFileSync(lock, JSON.stringify({ pid: deadPid(), host: hostname(), token: 'dead', at: Date.now() }));
    const l = await acquireLock(lock, 'x.lock');
    expect(l).toMatchObject({ sleeps: 0 });
    expect(JSON.parse(readFileSync(lock, 'utf8')).pid).toBe(process.pid);
    await (l as { release(): Promise<void> }).release();
    expect(existsSync(lock)).toBe(false);
  });

  it('takes over at once from a live pid that is not the holder (pid reused: another start time)', async () => {
    if (!existsSync('/proc/self/stat')) return;
    const { lock } = lockDir();
    const start = String(Number(procStart(process.ppid)) + 1);
    writeFileSync(lock, JSON.stringify({ pid: process.ppid, host: hostname(), token: 'reused', at: Date.now(), start }));
    expect(await acquireLock(lock, 'x.lock')).toMatchObject({ sleeps: 0 });
  });

  it('takes over a lock from another host, or without a start time, once its heartbeat is silent', async () => {
    const { lock } = lockDir();
    for (const info of [{ pid: process.ppid, host: 'other-host.example', token: 'far' }, { pid: process.ppid, host: hostname(), token: 'old-format' }]) {
      writeFileSync(lock, JSON.stringify({ ...info, at: Date.now() }));
      const past = new Date(Date.now() - 10_000);
      utimesSync(lock, past, past);
      const l = await acquireLock(lock, 'x.lock');
      expect(l).toMatchObject({ sleeps: 0 });
      await (l as { release(): Promise<void> }).release();
    }
  });

  it('an empty or garbage lock does not stall writers', async () => {
    const { lock } = lockDir();
    for (const junk of ['', 'not json {', '{"pid": "x"}']) {
      writeFileSync(lock, junk);
      const l = await acquireLock(lock, 'x.lock');
      expect(l).toMatchObject({ token: expect.any(String) });
      await (l as { release(): Promise<void> }).release();
    }
  });

  it('a live holder: the error says how long this process waited and how many holders it saw', async () => {
    const { lock } = lockDir();
    const first = await acquireLock(lock, 'config/custom_models.yaml.lock');
    expect(first).toMatchObject({ sleeps: 0 });
    setEnv('BYOK_LOCK_TIMEOUT_MS', '300');
    const second = await acquireLock(lock, 'config/custom_models.yaml.lock');
    expect(second).toMatchObject({ ok: false, code: 'registry_locked' });
    expect((second as { error: string }).error).toMatch(
      new RegExp(`^Waited \\d+\\.\\d s for config/custom_models\\.yaml\\.lock and saw 1 holder; the current one \\(pid ${process.pid} on this host\\) has held it for \\d+\\.\\d s`),
    );
    expect((second as { error: string }).error).toContain('BYOK_LOCK_TIMEOUT_MS');
    await (first as { release(): Promise<void> }).release();
    const third = await acquireLock(lock, 'config/custom_models.yaml.lock');
    expect(third).toMatchObject({ sleeps: 0 });
  });

  it('the wait limit counts from the last change of holder, not from the first try', async () => {
    if (!existsSync('/proc/self/stat')) return;
    const { lock } = lockDir();
    const live = (token: string) => JSON.stringify({ pid: process.pid, host: hostname(), token, at: Date.now(), start: procStart(process.pid) });
    writeFileSync(lock, live('h0'));
    setEnv('BYOK_LOCK_TIMEOUT_MS', '400');
    const began = Date.now();
    const waiting = acquireLock(lock, 'x.lock');
    // Holders come and go every 100 ms for 1.2 s: three times the limit in all.
    for (let i = 1; i <= 12; i++) {
      await new Promise((r) => setTimeout(r, 100));
      writeFileSync(lock + '.next', live(`h${i}`));
      renameSync(lock + '.next', lock);
    }
    const r = (await waiting) as { ok: false; error: string };
    expect(Date.now() - began).toBeGreaterThanOrEqual(1200);
    expect(r).toMatchObject({ ok: false, code: 'registry_locked' });
    const seen = Number(/saw (\d+) holders/.exec(r.error)?.[1]);
    expect(seen).toBeGreaterThanOrEqual(6);
    expect(Number(/^Waited (\d+\.\d) s/.exec(r.error)?.[1])).toBeGreaterThanOrEqual(1.2);
  });
});

describe('a big registry is parsed once per change (cache in BYOK_CACHE_DIR)', () => {
  /** `n` entries as byok writes them, items at `indent` columns, with `eol` line endings. */
  function bigRegistry(n: number, indent = 2, eol = '\n'): string {
    const pad = ' '.repeat(indent);
    let y = '# big\nversion: 1\nmodels:\n';
    for (let i = 0; i < n; i++) {
      y += `${pad}- id: custom/m-${i}-${(i + 0x1000).toString(16)}\n${pad}  name: M ${i}\n${pad}  upstream_model: m-${i}\n${pad}  base_url: https://api.example.com/v1\n${pad}  wire: openai\n${pad}  api_key_env: CUSTOM_KEY_API_EXAMPLE_COM\n${pad}  auth: { in: header, name: Authorization, scheme: Bearer }\n`;
    }
    return y.replace(/\n/g, eol);
  }

  it('appends new entries as text, in the file\'s own indent and line endings, and sees hand edits at once', async () => {
    setEnv('BYOK_CACHE_DIR', mkdtempSync(join(tmpdir(), 'byok-cache-')));
    for (const [indent, eol] of [[2, '\n'], [0, '\n'], [4, '\r\n']] as const) {
      const dir = ws({ [REGISTRY_REL]: bigRegistry(60, indent, eol) });
      const path = join(dir, REGISTRY_REL);
      expect(await listModels({ workspace: dir })).toMatchObject({ ok: true, count: 60 });
      expect(readdirSync(process.env.BYOK_CACHE_DIR!).length).toBeGreaterThan(0);
      const a = await add(entry('appended-1'), { workspace: dir });
      expect(a).toMatchObject({ ok: true, created: true });
      const b = await add(entry('appended-2'), { workspace: dir });
      expect(b).toMatchObject({ ok: true, created: true });
      const text = readFileSync(path, 'utf8');
      // The file itself is whole and valid, not only the cache.
      const parsed = parseRegistry(text) as { entries: { upstream_model: string }[] };
      expect(parsed.entries.map((e) => e.upstream_model).slice(-2)).toEqual(['appended-1', 'appended-2']);
      expect(text).toContain(`${' '.repeat(indent)}- id: ${a.model_id}`);
      if (eol === '\r\n') expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
      expect(text.startsWith('# big')).toBe(true);
      // A hand edit changes the bytes: the next read parses again.
      writeFileSync(path, text.replace('name: M 7', 'name: Edited by hand'));
      const l = (await listModels({ workspace: dir })) as { count: number; models: { name: string }[] };
      expect(l.count).toBe(62);
      expect(l.models[7].name).toBe('Edited by hand');
      // Re-adding an existing model takes the full path and updates it in place.
      expect(await add({ ...entry('m-3'), name: 'Renamed via add' }, { workspace: dir })).toMatchObject({ ok: true, created: false });
      expect(((await listModels({ workspace: dir })) as { models: { name: string }[] }).models[3].name).toBe('Renamed via add');
      expect(await add(entry('appended-3'), { workspace: dir })).toMatchObject({ ok: true, created: true });
      expect((parseRegistry(readFileSync(path, 'utf8')) as { entries: unknown[] }).entries).toHaveLength(63);
    }
  });

  it('a corrupt cache is ignored', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'byok-cache-'));
    setEnv('BYOK_CACHE_DIR', cache);
    const dir = ws({ [REGISTRY_REL]: bigRegistry(55) });
    await listModels({ workspace: dir });
    for (const f of readdirSync(cache)) writeFileSync(join(cache, f), '{not json');
    expect(await listModels({ workspace: dir })).toMatchObject({ ok: true, count: 55 });
    expect(await add(entry('after-corrupt'), { workspace: dir })).toMatchObject({ ok: true });
    expect((parseRegistry(readFileSync(join(dir, REGISTRY_REL), 'utf8')) as { entries: unknown[] }).entries).toHaveLength(56);
  });
});
