// The registry across real processes, run from a fresh build of src/ (into
// node_modules/.cache, so packages resolve): the new-user CLI scenario, 20
// processes adding at once, and writers SIGKILLed mid-write. The CLI calls
// are asynchronous and the scenario's tests concurrent: independent processes
// overlap.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { add, listModels } from '../src/registry/index.js';
import { parseRegistry, REGISTRY_REL } from '../src/registry/store.js';

const root = join(import.meta.dirname, '..');
const out = join(root, 'node_modules', '.cache', `byok-test-${process.pid}-${randomBytes(3).toString('hex')}`);

/** Newest modification time of the .ts files under a folder. */
function newestTs(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newestTs(p));
    else if (e.name.endsWith('.ts')) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}

/** The built library: dist/ when it is newer than every source file (`npm test` builds first), else a fresh build. */
let lib = join(root, 'dist');

beforeAll(() => {
  mkdirSync(out, { recursive: true });
  // The workers' registry cache (src/registry/cache.ts) stays out of the home folder.
  process.env.BYOK_CACHE_DIR = join(out, 'registry-cache');
  const built = ['cli.js', 'registry/index.js', 'registry/store.js'].map((f) => join(lib, f));
  const fresh = built.every((f) => existsSync(f)) && Math.min(...built.map((f) => statSync(f).mtimeMs)) > newestTs(join(root, 'src'));
  if (!fresh) {
    lib = join(out, 'lib');
    // Other modules may be mid-edit: tsc still emits, and only the registry's graph is needed here.
    spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.json'), '--outDir', lib, '--declaration', 'false'], { encoding: 'utf8' });
  }
  if (!existsSync(join(lib, 'registry/index.js')) || !existsSync(join(lib, 'cli.js'))) throw new Error('build for the process tests failed');
  const libUrl = pathToFileURL(lib).href;
  writeFileSync(join(out, 'run-cli.mjs'), `import { main } from '${libUrl}/cli.js';\nprocess.exitCode = await main(process.argv.slice(2));\n`);
  writeFileSync(
    join(out, 'add-worker.mjs'),
    `import { add } from '${libUrl}/registry/index.js';
const [ws, who, n] = process.argv.slice(2);
for (let i = 0; i < Number(n); i++) {
  const r = await add({ upstream_model: 'm-' + who + '-' + i, base_url: 'https://api.example.com/v1' }, { workspace: ws });
  if (!r.ok) { console.error(JSON.stringify(r)); process.exit(1); }
}
`,
  );
  writeFileSync(
    join(out, 'churn-worker.mjs'),
    `import { add } from '${libUrl}/registry/index.js';
const [ws, tag] = process.argv.slice(2);
for (let i = 0; ; i++) {
  const r = await add({ upstream_model: 'churn-' + tag + '-' + (i % 7), name: 'n' + i, base_url: 'https://api.example.com/v1', request_params: { pad: 'x'.repeat(i % 50) } }, { workspace: ws });
  if (!r.ok) { console.error(JSON.stringify(r)); process.exit(1); }
  if (i === 0) process.stdout.write('ready\\n');
}
`,
  );
}, 180_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

function workspace(): string {
  return mkdtempSync(join(tmpdir(), 'byok-proc-'));
}

/** One CLI process (asynchronous, so that independent calls overlap). */
function cli(args: string[], opts: { input?: string; ws: string }): Promise<{ code: number | null; json: Record<string, unknown> }> {
  return new Promise((done, fail) => {
    const p = spawn(process.execPath, [join(out, 'run-cli.mjs'), ...args, '--workspace', opts.ws], { env: { ...process.env, BYOK_WORKSPACE: '' } });
    let stdout = '';
    p.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    p.on('error', fail);
    p.on('close', (code) => {
      try {
        done({ code, json: JSON.parse(stdout) });
      } catch (e) {
        fail(new Error(`byok ${args.join(' ')}: not one JSON object: ${stdout.slice(0, 200)}`));
      }
    });
    p.stdin.end(opts.input ?? '');
  });
}

// The tests run at once (each in its own workspace): most of their time is processes starting.
describe.concurrent('new-user scenario through the CLI', () => {
  it('templates -> add-template deepseek -> add --from-draft - -> list -> get -> key set -> remove', async () => {
    const ws = workspace();
    // What `byok parse-example` prints for DeepSeek's Anthropic-compatible sample (built by hand here).
    const parsed = {
      ok: true,
      draft: {
        upstream_model: 'deepseek-v4-pro', base_url: 'https://api.deepseek.com/anthropic', wire: 'anthropic', name: 'deepseek-v4-pro',
        api_key_env: 'CUSTOM_KEY_API_DEEPSEEK_COM', auth: { in: 'header', name: 'x-api-key', scheme: null }, headers: {}, query: {},
        thinking_capability: 'deepseek_thinking', thinking_mode: 'enabled', thinking_params: { 'thinking.type': 'enabled' },
        request_params: {}, capabilities: { streaming: true }, max_tokens: null,
      },
      detected: { language: 'python', client: 'anthropic', method: 'POST', endpoint: 'https://api.deepseek.com/anthropic/v1/messages', key_env: 'ANTHROPIC_API_KEY', vendor: 'deepseek', protocol: 'anthropic-messages' },
      warnings: [],
      suggestion: { action: 'add_template', vendor: 'deepseek' },
      note: '',
    };
    // templates, add-template and add touch different entries: their processes run at once (the registry's lock orders the writes).
    const [t, a, d] = await Promise.all([cli(['templates'], { ws }), cli(['add-template', 'deepseek'], { ws }), cli(['add', '--from-draft', '-'], { ws, input: JSON.stringify(parsed) })]);
    expect(t.code).toBe(0);
    expect(t.json).toMatchObject({ ok: true, count: 12 });
    expect(a.code).toBe(0);
    expect(a.json).toMatchObject({
      ok: true,
      status: 'registered',
      upstream_model: 'deepseek-flash',
      api_key_env: 'CUSTOM_KEY_API_DEEPSEEK_COM',
      api_key_set: false,
      need_env_input: { env_vars: [{ key: 'CUSTOM_KEY_API_DEEPSEEK_COM', label: 'DeepSeek API Key', required: true }] },
    });
    expect(a.json.next_action).toMatch(/secure-input tool/);
    expect(d.code).toBe(0);
    expect(d.json).toMatchObject({ ok: true, status: 'registered', wire: 'anthropic', vendor: 'deepseek', api_key_env: 'CUSTOM_KEY_API_DEEPSEEK_COM', api_key_set: false, warnings: [] });
    expect(d.json.need_env_input).toBeDefined();

    const [l, g] = await Promise.all([cli(['list'], { ws }), cli(['get', String(a.json.model_id)], { ws })]);
    expect(l.json).toMatchObject({ ok: true, count: 2 });
    expect((l.json.models as { api_key_set: boolean }[]).map((m) => m.api_key_set)).toEqual([false, false]);

    expect(g.json).toMatchObject({ ok: true, model_id: a.json.model_id, api_key_set: false, need_env_input: expect.any(Object) });

    // The caller's secure-input tool writes the key; byok only checks that it is there.
    const secret = 'k' + randomBytes(20).toString('hex');
    writeFileSync(join(ws, '.env'), `CUSTOM_KEY_API_DEEPSEEK_COM=${secret}\n`);
    const [g2, l2] = await Promise.all([cli(['get', String(a.json.model_id)], { ws }), cli(['list'], { ws })]);
    expect(g2.json).toMatchObject({ ok: true, api_key_set: true });
    expect(g2.json.need_env_input).toBeUndefined();
    expect((l2.json.models as { api_key_set: boolean }[]).map((m) => m.api_key_set)).toEqual([true, true]);
    expect(JSON.stringify([g2.json, l2.json])).not.toContain(secret);

    const r = await cli(['remove', String(a.json.model_id)], { ws });
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ ok: true, status: 'removed', model_id: a.json.model_id });
    expect(r.json.note).toMatch(/left alone/);
    expect(readFileSync(join(ws, '.env'), 'utf8')).toBe(`CUSTOM_KEY_API_DEEPSEEK_COM=${secret}\n`);
    expect((await cli(['list'], { ws })).json).toMatchObject({ count: 1 });
  }, 120_000);

  it('pipes parse-example into add --from-draft -, passing a failed parse through as the refusal', async () => {
    const ws = workspace();
    const sample = join(ws, 'x.sh');
    writeFileSync(sample, `curl https://api.deepseek.com/chat/completions -H "Authorization: Bearer $DEEPSEEK_API_KEY" -H "Content-Type: application/json" -d '{"model": "deepseek-v4-pro", "messages": [{"role": "user", "content": "Hi"}]}'\n`);
    const runner = join(out, 'run-cli.mjs');
    const pipe = new Promise<string>((done) => {
      const p = spawn('sh', ['-c', `"${process.execPath}" "${runner}" parse-example "${sample}" | "${process.execPath}" "${runner}" add --from-draft - --workspace "${ws}"`]);
      let stdout = '';
      p.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
      p.on('close', () => done(stdout));
    });
    const [alone, piped] = await Promise.all([cli(['parse-example', sample], { ws }).then((r) => r.json), pipe]);
    const res = JSON.parse(piped);
    if (alone.ok) expect(res).toMatchObject({ ok: true, status: 'registered', upstream_model: 'deepseek-v4-pro' });
    else expect(res).toMatchObject({ ok: false, code: alone.code });
  }, 120_000);

  it('usage errors exit 2', async () => {
    const ws = workspace();
    const [get, tmpl, add1, draft] = await Promise.all([
      cli(['get'], { ws }),
      cli(['add-template', 'deepseek', '--model', 'x'], { ws }),
      cli(['add', '--upstream-model', 'x'], { ws }),
      cli(['add', '--from-draft', '-'], { ws, input: 'not json' }),
    ]);
    expect(get.code).toBe(2);
    expect(tmpl).toMatchObject({ code: 2, json: { code: 'usage' } });
    expect(add1.code).toBe(2);
    expect(draft).toMatchObject({ code: 1, json: { code: 'invalid_entry' } });
  }, 120_000);
});

// One at a time, alone: these measure the registry under its own contention, not the machine's.
describe('concurrency and crashes', () => {
  it('20 processes adding 5 entries each at once leave a valid file with all 100', async () => {
    const ws = workspace();
    const runs = Array.from({ length: 20 }, (_, who) =>
      new Promise<{ code: number | null; err: string }>((resolve) => {
        const p = spawn(process.execPath, [join(out, 'add-worker.mjs'), ws, String(who), '5'], { stdio: ['ignore', 'ignore', 'pipe'] });
        let err = '';
        p.stderr.on('data', (c) => (err += c));
        p.on('exit', (code) => resolve({ code, err }));
      }),
    );
    const results = await Promise.all(runs);
    expect(results.filter((r) => r.code !== 0)).toEqual([]);
    const reg = parseRegistry(readFileSync(join(ws, REGISTRY_REL), 'utf8'));
    expect('ok' in reg).toBe(false);
    const l = await listModels({ workspace: ws });
    expect(l.count).toBe(100);
    expect(new Set((l.models as { upstream_model: string }[]).map((m) => m.upstream_model)).size).toBe(100);
    expect(readdirSync(join(ws, 'config')).sort()).toEqual(['custom_models.yaml']);
  }, 600_000);

  it('a writer killed at random points leaves the old file or the new one, and the next writer takes over its lock', async () => {
    const ws = workspace();
    await add({ upstream_model: 'seed', base_url: 'https://api.example.com/v1' }, { workspace: ws });
    for (let round = 0; round < 6; round++) {
      const p = spawn(process.execPath, [join(out, 'churn-worker.mjs'), ws, String(round)], { stdio: ['ignore', 'pipe', 'pipe'] });
      await new Promise<void>((resolve, reject) => {
        p.stdout.once('data', () => resolve());
        p.once('exit', (code) => reject(new Error(`churn worker exited early (${code})`)));
      });
      // While it writes, every read sees a whole file (old or new), never a partial one.
      const until = Date.now() + 40 + Math.floor(Math.random() * 160);
      while (Date.now() < until) {
        const seen = parseRegistry(readFileSync(join(ws, REGISTRY_REL), 'utf8'));
        expect('ok' in seen, JSON.stringify(seen).slice(0, 300)).toBe(false);
        expect((seen as { entries: { upstream_model: string }[] }).entries.map((e) => e.upstream_model)).toContain('seed');
        await new Promise((r) => setImmediate(r));
      }
      p.kill('SIGKILL');
      await new Promise((r) => p.once('exit', r));
      const reg = parseRegistry(readFileSync(join(ws, REGISTRY_REL), 'utf8'));
      expect('ok' in reg, JSON.stringify(reg).slice(0, 300)).toBe(false);
      // Old or new, never truncated: nothing written before the kill is lost.
      const models = (reg as { entries: { upstream_model: string }[] }).entries.map((e) => e.upstream_model);
      expect(models).toEqual(expect.arrayContaining(['seed', ...Array.from({ length: round }, (_, k) => `after-${k}`)]));
      // The dead writer's lock (if it held one) is taken over at once; its temp file is swept.
      const next = await add({ upstream_model: `after-${round}`, base_url: 'https://api.example.com/v1' }, { workspace: ws });
      expect(next).toMatchObject({ ok: true });
      expect(readdirSync(join(ws, 'config')).filter((n) => n !== 'custom_models.yaml')).toEqual([]);
    }
    const l = await listModels({ workspace: ws });
    expect((l.models as { upstream_model: string }[]).map((m) => m.upstream_model)).toEqual(expect.arrayContaining(['seed', 'after-0', 'after-5']));
  }, 180_000);
});
