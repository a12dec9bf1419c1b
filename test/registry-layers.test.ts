// The registry verbs in the CLI bundle (dist/bundle/, scripts/bundle.mjs):
// `list`, `get` and `add` from flags on an existing registry, the first
// command after a hand edit included, load no layer with yaml or zod in it
// (the fast reader, the validation written out and the append as text are in
// the registry-read layer); a file those are not sure of loads the store layer.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const bundle = join(root, 'dist/bundle');
const built = existsSync(join(bundle, 'loader.cjs'));

function run(ws: string, cache: string, args: string[]): { result: { ok: boolean; count?: number }; layers: string[] } {
  const code = `const L = require(${JSON.stringify(join(bundle, 'loader.cjs'))});
const fs = require('node:fs');
L.load('cli.cjs').main(${JSON.stringify([...args, '--workspace', ws, '--compact'])}).then(() => fs.writeSync(2, JSON.stringify(L.loadedLayers())));`;
  const r = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8', env: { ...process.env, BYOK_CACHE_DIR: cache } });
  return { result: JSON.parse(r.stdout), layers: (JSON.parse(r.stderr) as { file: string }[]).map((l) => l.file.split('/').pop()!).sort() };
}

const entry = (i: number) => `  - id: custom/m-${i}-${(0x1000 + i).toString(16)}
    name: M ${i}
    upstream_model: m-${i}
    base_url: https://api.example.com/v1
    wire: openai
    api_key_env: CUSTOM_KEY_API_EXAMPLE_COM
    auth: { in: header, name: Authorization, scheme: Bearer }
`;

describe.skipIf(!built)('registry verbs in the bundle', () => {
  it('the registry-read layer holds no package (no yaml, no zod)', () => {
    const layers: Record<string, string[]> = JSON.parse(readFileSync(join(bundle, 'layers.json'), 'utf8'));
    expect(layers['registry-read']).toEqual(expect.arrayContaining(['dist/registry/fast-yaml.js', 'dist/registry/register.js', 'dist/registry/write.js']));
    expect(layers['registry-read'].filter((f) => f.startsWith('node_modules/'))).toEqual([]);
  });

  it('list, get and add (after a hand edit too) load only the cli, base and registry-read layers; an anchor loads the store layer', () => {
    const ws = mkdtempSync(join(tmpdir(), 'byok-layers-'));
    const cache = mkdtempSync(join(tmpdir(), 'byok-cache-'));
    mkdirSync(join(ws, 'config'));
    const file = join(ws, 'config/custom_models.yaml');
    writeFileSync(file, `# by hand\nversion: 1\nmodels:\n${entry(1)}${entry(2)}`);
    const light = ['base.cjs', 'cli.cjs', 'registry-read.cjs'];
    const first = run(ws, cache, ['list']);
    expect(first.result).toMatchObject({ ok: true, count: 2 });
    expect(first.layers).toEqual(light);
    expect(run(ws, cache, ['get', 'custom/m-2-1002']).layers).toEqual(light);
    const added = run(ws, cache, ['add', '--upstream-model', 'new-one', '--base-url', 'https://new.example.com/v1']);
    expect(added.result).toMatchObject({ ok: true });
    expect(added.layers).toEqual(light);
    writeFileSync(file, readFileSync(file, 'utf8').replace('# by hand', '# edited by hand'));
    const edited = run(ws, cache, ['add', '--upstream-model', 'newer', '--base-url', 'https://new.example.com/v1']);
    expect(edited.result).toMatchObject({ ok: true });
    expect(edited.layers).toEqual(light);
    expect(run(ws, cache, ['list']).result).toMatchObject({ ok: true, count: 4 });
    // Outside the fast reader's subset: the full parser, in its own layer.
    writeFileSync(file, readFileSync(file, 'utf8').replace('name: M 1', 'name: &n M 1'));
    const full = run(ws, cache, ['list']);
    expect(full.result).toMatchObject({ ok: true, count: 4 });
    expect(full.layers).toContain('store.cjs');
  });
});
