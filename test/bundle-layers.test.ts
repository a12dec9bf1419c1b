// The CLI bundle (scripts/bundle.mjs -> dist/bundle/): every module lives in
// exactly one layer; a verb loads only the layers it needs (a curl paste never
// loads the Python/JS front-ends, the SDK data, zod or yaml); the V8 code
// caches made at build time are accepted by this node; and a cache that does
// not fit (corrupt, another node) only costs time: the layer compiles from source.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseExample } from '../src/api.js';

const root = resolve(import.meta.dirname, '..');
const bundle = join(root, 'dist/bundle');
const built = existsSync(join(bundle, 'loader.cjs'));

/** Runs `byok ARGS` through the loader in a child process; returns its stdout and the layers it loaded. */
function run(dir: string, args: string[]): { stdout: string; layers: Array<{ file: string; cacheRejected: boolean | undefined }>; builtins: string[] } {
  const code = `const before = new Set(process.moduleLoadList);
const L = require(${JSON.stringify(join(dir, 'loader.cjs'))});
const fs = require('node:fs');
L.load('cli.cjs').main(${JSON.stringify(args)}).then(() => fs.writeSync(2, JSON.stringify({ layers: L.loadedLayers(), builtins: process.moduleLoadList.filter((m) => !before.has(m)) })));`;
  // A script file, as bin/byok.js is (`node -e` itself loads built-ins, node:module among them, that a file run does not).
  const ws = mkdtempSync(join(tmpdir(), 'byok-layers-'));
  const script = join(ws, 'run.cjs');
  writeFileSync(script, code);
  const r = spawnSync(process.execPath, [script], { encoding: 'utf8', env: { ...process.env, BYOK_WORKSPACE: ws } });
  return { stdout: r.stdout, ...JSON.parse(r.stderr) };
}
const names = (layers: Array<{ file: string }>) => layers.map((l) => l.file.split('/').pop()).sort();

describe.skipIf(!built)('the CLI bundle layers', () => {
  it('holds each module in exactly one layer', () => {
    const layers: Record<string, string[]> = JSON.parse(readFileSync(join(bundle, 'layers.json'), 'utf8'));
    const all = Object.values(layers).flat();
    expect(all.length).toBeGreaterThan(100);
    expect(new Set(all).size).toBe(all.length);
    expect(layers.parse).toContain('dist/curl/index.js');
    expect(layers.code).toContain('dist/generated/sdks.js');
    // The layers every verb or the common ones load hold no package (zod, yaml, acorn, lezer...):
    // a package reached by a new import() lands in its own layer (scripts/bundle.mjs, LAYERS).
    for (const name of ['cli', 'base', 'parse', 'registry-read']) expect(layers[name].filter((f) => f.includes('node_modules/'))).toEqual([]);
  });

  it('names no folder of the machine that built it (module ids are relative to the package)', () => {
    for (const f of readdirSync(bundle).filter((n) => n.endsWith('.cjs'))) expect(readFileSync(join(bundle, f), 'latin1').includes(root)).toBe(false);
  });

  it('formats no number for a locale in the layers every command loads (the first call loads ICU data: 20 ms)', () => {
    for (const f of ['cli.cjs', 'base.cjs', 'parse.cjs', 'registry-read.cjs']) expect(readFileSync(join(bundle, f), 'latin1'), f).not.toMatch(/toLocale\w*String\(|Intl\./);
  });

  it('a curl paste loads the CLI, base and parse layers only, each with its code cache', () => {
    const r = run(bundle, ['parse-example', join(root, 'fixtures/deepseek/chat-thinking-export.sh')]);
    expect(JSON.parse(r.stdout).ok).toBe(true);
    expect(names(r.layers)).toEqual(['base.cjs', 'cli.cjs', 'parse.cjs']);
    expect(r.layers.map((l) => l.cacheRejected)).toEqual([false, false, false]);
    // Nor node:module (createRequire: ~0.6 ms; built-ins come from process.getBuiltinModule when first used).
    expect(r.builtins.filter((m) => /crypto|fs\/promises|stream|^NativeModule module$/.test(m))).toEqual([]);
  });

  it('templates loads no parser layer, and neither node:crypto nor node:fs/promises (each loads more of node)', () => {
    const r = run(bundle, ['templates']);
    expect(JSON.parse(r.stdout).ok).toBe(true);
    expect(names(r.layers)).toEqual(['base.cjs', 'cli.cjs', 'registry-read.cjs']);
    expect(r.builtins.filter((m) => /crypto|fs\/promises|stream|^NativeModule module$/.test(m))).toEqual([]);
  });

  it('a Python paste adds the shared SDK layer and the Python layer, not the JS one', () => {
    const r = run(bundle, ['parse-example', join(root, 'fixtures/openai/py-chat-no-args.py')]);
    expect(JSON.parse(r.stdout).ok).toBe(true);
    expect(names(r.layers)).toEqual(['base.cjs', 'cli.cjs', 'code.cjs', 'parse.cjs', 'python.cjs']);
  });

  it('reads every Python fixture and a third of the JS ones as the unbundled code does (the bundled Python tables are decoded at build time)', async () => {
    const files: string[] = [];
    const walk = (d: string) => {
      for (const f of readdirSync(d, { withFileTypes: true })) {
        if (f.isDirectory()) walk(join(d, f.name));
        else if (/\.(py|js|ts|mjs)$/.test(f.name)) files.push(join(d, f.name));
      }
    };
    walk(join(root, 'fixtures'));
    // Every Python fixture (the tables), every third JS one (the same bundling, cheaper to spot-check).
    const picked = files.filter((f, i) => f.endsWith('.py') || i % 3 === 0);
    files.length = 0;
    files.push(...picked);
    expect(files.length).toBeGreaterThan(50);
    const code = `const L = require(${JSON.stringify(join(bundle, 'loader.cjs'))}); L.load('cli.cjs');
const { parseExample } = L.load('parse.cjs'); const fs = require('node:fs');
(async () => { const out = []; for (const f of ${JSON.stringify(files)}) out.push(await parseExample(fs.readFileSync(f, 'utf8'), { filename: f }));
fs.writeSync(1, JSON.stringify(out)); })();`;
    const r = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
    const bundled = JSON.parse(r.stdout);
    const expected = [];
    for (const f of files) expected.push(await parseExample(readFileSync(f, 'utf8'), { filename: f }));
    expect(JSON.parse(JSON.stringify(expected))).toEqual(bundled);
  });

  it('keeps non-ASCII characters of regular expressions (escaped in the ASCII bundle): a ➜ prompt is still a prompt', async () => {
    const text = '➜  ~ curl https://api.deepseek.com/chat/completions -H "Authorization: Bearer $DEEPSEEK_API_KEY" -d \'{"model":"deepseek-chat","messages":[]}\'\n';
    const code = `const L = require(${JSON.stringify(join(bundle, 'loader.cjs'))}); L.load('cli.cjs');
L.load('parse.cjs').parseExample(${JSON.stringify(text)}).then((r) => require('node:fs').writeSync(1, JSON.stringify(r)));`;
    const bundled = JSON.parse(spawnSync(process.execPath, ['-e', code], { encoding: 'utf8' }).stdout);
    const expected = await parseExample(text);
    expect(expected.ok && expected.draft.base_url).toBe('https://api.deepseek.com');
    expect(bundled).toEqual(JSON.parse(JSON.stringify(expected)));
  });

  it('a corrupt code cache is rejected and the layer still runs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'byok-bundle-'));
    cpSync(bundle, dir, { recursive: true });
    writeFileSync(join(dir, 'cli.cache'), Buffer.alloc(4096, 7));
    const r = run(dir, ['parse-example', join(root, 'fixtures/deepseek/chat-thinking-export.sh')]);
    expect(JSON.parse(r.stdout).draft.base_url).toBe('https://api.deepseek.com');
    expect(r.layers.find((l) => l.file.endsWith('cli.cjs'))?.cacheRejected).toBe(true);
  });

  it('reads layers through one reused buffer: a layer past its first size, then smaller ones, each whole', () => {
    // Synthetic layers in the loader's format (a function expression of the module bindings), no caches.
    const dir = mkdtempSync(join(tmpdir(), 'byok-loader-'));
    cpSync(join(bundle, 'loader.cjs'), join(dir, 'loader.cjs'));
    const wrap = (body: string) => `(function (exports, require, module, __filename, __dirname) {${body}\n})`;
    const big = 'ab'.repeat(900_000); // 1.8 MB: more than the loader's first buffer
    writeFileSync(join(dir, 'big.cjs'), wrap(`const small = require('./small.cjs'); module.exports = { big: ${JSON.stringify(big)}.length, small: small.text, tail: require('./tail.cjs') };`));
    writeFileSync(join(dir, 'small.cjs'), wrap(`module.exports = { text: 'small layer' };`));
    writeFileSync(join(dir, 'tail.cjs'), wrap(`module.exports = ${JSON.stringify('z'.repeat(5000))}.length;`));
    const code = `const L = require(${JSON.stringify(join(dir, 'loader.cjs'))}); const m = L.load('big.cjs');
require('node:fs').writeSync(1, JSON.stringify({ ...m, again: L.load('small.cjs').text }));`;
    const r = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ big: 1_800_000, small: 'small layer', tail: 5000, again: 'small layer' });
  });

  it('each layer file is the wrapped module as the loader compiles it (no wrapper added at load: a copy of the source)', () => {
    for (const f of readdirSync(bundle).filter((x) => x.endsWith('.cjs') && x !== 'loader.cjs')) {
      const text = readFileSync(join(bundle, f), 'latin1');
      expect(text.startsWith('(function (exports, require, module, __filename, __dirname) {'), f).toBe(true);
      expect(text.endsWith('\n})'), f).toBe(true);
    }
  });

  it("a later layer binds an earlier layer's exports once, by name (no copy of the namespace object's getters)", () => {
    let bound = 0;
    for (const f of readdirSync(bundle).filter((x) => x.endsWith('.cjs') && x !== 'loader.cjs')) {
      const text = readFileSync(join(bundle, f), 'latin1');
      // esbuild's CommonJS interop shim (`module.exports = require("./cli.cjs").m3`, then __toESM/__reExport copies):
      // kept only for a module with an exported `let` (none now) and for packages (zod, yaml, the MCP SDK).
      if (['base.cjs', 'parse.cjs', 'code.cjs', 'python.cjs', 'js.cjs', 'registry-read.cjs', 'store.cjs'].includes(f))
        expect(text.match(/exports=require\("\.\/[a-z-]+\.cjs"\)/g) ?? [], f).toEqual([]);
      bound += (text.match(/=require\("\.\/[a-z-]+\.cjs"\)\.m\d+,[A-Za-z_$][\w$]*=/g) ?? []).length;
    }
    expect(bound).toBeGreaterThan(20);
  });

  it('the Python layer holds the grammar without its syntax-highlighting tags (byok never highlights)', () => {
    const text = readFileSync(join(bundle, 'python.cjs'), 'latin1');
    expect(text).not.toMatch(/controlKeyword|definitionKeyword/);
    // The grammar itself is there (its node names).
    expect(text).toMatch(/CallExpression/);
  });
});

