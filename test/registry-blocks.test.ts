// The registry read item by item after an edit (src/registry/read.ts
// fastRegistry with the previous cache, src/registry/fast-yaml.ts modelItems
// and fastParseItem), differentially: on generated registries and random
// edits of them (a field changed, an item added, dropped, moved or doubled, a
// comment or a blank line put anywhere, the text before the list changed, an
// entry broken, a construct the fast reader refuses), the answer with the old
// cache equals the answer from the whole text, entries, key order, tail and
// item digests included; and the entries of unchanged items are the old
// cache's own objects (they were not parsed again).
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash, type Cached } from '../src/registry/cache.js';
import { endsWithComment, fastParseYaml, modelItems } from '../src/registry/fast-yaml.js';
import { add, listModels } from '../src/registry/index.js';
import { fastRegistry } from '../src/registry/read.js';
import { REGISTRY_REL } from '../src/registry/store.js';

// ---------- generated registries ----------

interface Item {
  n: number;
  nameStyle: number;
  wire: 'openai' | 'anthropic';
  flowAuth: boolean;
  headers: Record<string, string>;
  flowHeaders: boolean;
  extra: string | null;
  comment: string | null;
  maxTokens: number | null;
}

const itemArb: fc.Arbitrary<Item> = fc.record({
  n: fc.nat(40),
  nameStyle: fc.nat(2),
  wire: fc.constantFrom('openai' as const, 'anthropic' as const),
  flowAuth: fc.boolean(),
  headers: fc.dictionary(fc.constantFrom('X-Title', 'HTTP-Referer', 'x-extra'), fc.constantFrom('my app', 'https://example.com', 'a b', "it's")),
  flowHeaders: fc.boolean(),
  extra: fc.option(fc.constantFrom('kept', 'two words', '"quoted"', "'single'", '12', 'true'), { freq: 3 }),
  comment: fc.option(fc.constantFrom('# note', '  # indented note', ''), { freq: 3 }),
  maxTokens: fc.option(fc.integer({ min: 1, max: 100000 }), { freq: 2 }),
});

const docArb = fc.record({
  header: fc.array(fc.constantFrom('# my models', '', '# yaml-language-server: $schema=x'), { maxLength: 2 }),
  owner: fc.boolean(),
  indent: fc.constantFrom('  ', '', '    '),
  items: fc.array(itemArb, { minLength: 1, maxLength: 8 }),
  trailer: fc.constantFrom('', '\n', '# end\n'),
});
type Doc = typeof docArb extends fc.Arbitrary<infer T> ? T : never;

const hex4 = (n: number) => (0x1000 + n * 37).toString(16).slice(-4);

function renderItem(it: Item, indent: string, k: number): string[] {
  const p = `${indent}  `;
  const name = [`model ${it.n}`, `"model ${it.n}"`, `'model ${it.n}'`][it.nameStyle];
  const lines = [
    `${indent}- id: custom/model-${it.n}-${hex4(it.n)}`,
    `${p}name: ${name}`,
    `${p}upstream_model: vendor/model-${it.n}`,
    `${p}base_url: https://api${it.n % 5}.example.com/v1`,
    `${p}wire: ${it.wire}`,
    `${p}api_key_env: CUSTOM_KEY_API${it.n % 5}_EXAMPLE_COM`,
  ];
  const scheme = it.wire === 'openai' ? ['Authorization', 'Bearer'] : ['x-api-key', 'null'];
  if (it.flowAuth) lines.push(`${p}auth: { in: header, name: ${scheme[0]}, scheme: ${scheme[1]} }`);
  else lines.push(`${p}auth:`, `${p}  in: header`, `${p}  name: ${scheme[0]}`, `${p}  scheme: ${scheme[1]}`);
  const h = Object.entries(it.headers);
  if (it.flowHeaders || !h.length) lines.push(`${p}headers: {${h.map(([a, b]) => ` ${a}: ${JSON.stringify(b)}`).join(',')}${h.length ? ' ' : ''}}`);
  else lines.push(`${p}headers:`, ...h.map(([a, b]) => `${p}  ${a}: ${JSON.stringify(b)}`));
  lines.push(`${p}max_tokens: ${it.maxTokens ?? 'null'}`);
  if (it.extra !== null) lines.push(`${p}my_note: ${it.extra}`);
  lines.push(`${p}created_at: "2026-01-0${(k % 9) + 1}T00:00:00.000Z"`);
  if (it.comment !== null) lines.push(it.comment);
  return lines;
}

function render(d: Doc): string {
  const lines = [...d.header, 'version: 1'];
  if (d.owner) lines.push('owner: me # top-level, unknown');
  lines.push('models:');
  d.items.forEach((it, k) => lines.push(...renderItem(it, d.indent, k)));
  return lines.join('\n') + '\n' + d.trailer;
}

/** Edits a person might make; some break the file, some leave the fast reader unsure. */
const editArb = fc.oneof(
  fc.record({ kind: fc.constant('field' as const), at: fc.nat(), value: fc.constantFrom('changed', '"a: b"', '[1, 2]', '{ x: 1 }', 'null', '&anchor x', '|') }),
  fc.record({ kind: fc.constant('line' as const), at: fc.nat(), line: fc.constantFrom('', '# a comment', '    # deep comment', '   ', '---', 'other: 1', '  stray: 2', '\t# tab') }),
  fc.record({ kind: fc.constant('items' as const), op: fc.constantFrom('add', 'drop', 'move', 'double'), at: fc.nat(), item: itemArb }),
  fc.record({ kind: fc.constant('head' as const), to: fc.constantFrom('version: 2\n', 'version: 1\nextra: [a, b]\n', 'version: 1\n__proto__: x\n', '') }),
  fc.record({ kind: fc.constant('end' as const), to: fc.constantFrom('', '# trailing comment\n', '\n\n') }),
);
type Edit = typeof editArb extends fc.Arbitrary<infer T> ? T : never;

function edit(d: Doc, text: string, e: Edit): string {
  const lines = text.split('\n');
  switch (e.kind) {
    case 'field': {
      const fields = lines.map((l, i) => [l, i] as const).filter(([l]) => /^\s+(?:- )?[a-z_]+: /.test(l));
      if (!fields.length) return text;
      const [l, i] = fields[e.at % fields.length];
      lines[i] = l.replace(/: .*$/, `: ${e.value}`);
      return lines.join('\n');
    }
    case 'line': {
      lines.splice(e.at % lines.length, 0, e.line);
      return lines.join('\n');
    }
    case 'items': {
      const items = [...d.items];
      const k = e.at % items.length;
      if (e.op === 'add') items.splice(k, 0, e.item);
      else if (e.op === 'drop') items.splice(k, 1);
      else if (e.op === 'move') items.push(...items.splice(k, 1));
      else items.splice(k, 0, items[k]);
      return render({ ...d, items });
    }
    case 'head':
      return text.replace(/^[\s\S]*?version: 1\n(?:owner: .*\n)?/, e.to);
    case 'end':
      return text.replace(/\n*(?:# end\n)?$/, '\n') + e.to;
  }
}

/** The cache byok would write for a text read by the fast path. */
function cacheOf(text: string): Cached | null {
  const r = fastRegistry(text);
  return r ? { hash: contentHash(text), ...r } : null;
}

/** The entries as JSON (key order counts) with the tail and digests. */
const shown = (r: ReturnType<typeof fastRegistry>) => (r ? JSON.stringify(r) : 'null');

describe('the registry read item by item after an edit', () => {
  it('answers what the whole text answers, on generated registries and edits', () => {
    let reused = 0;
    let answered = 0;
    fc.assert(
      fc.property(docArb, fc.array(editArb, { minLength: 1, maxLength: 3 }), (d, edits) => {
        const before = render(d);
        const old = cacheOf(before);
        if (!old) return;
        let after = before;
        for (const e of edits) after = edit(d, after, e);
        // A copy of the cache as read back from its file: the objects it hands out are its own.
        const previous = JSON.parse(JSON.stringify(old)) as Cached;
        const incremental = fastRegistry(after, previous);
        const whole = fastRegistry(after);
        expect(shown(incremental), after).toBe(shown(whole));
        if (incremental) {
          answered++;
          if (incremental.entries.some((x) => previous.entries.includes(x))) reused++;
        }
      }),
      { numRuns: 400, seed: 13 },
    );
    // The property would hold trivially if the old cache were never used: most runs must take entries from it.
    expect(answered).toBeGreaterThan(100);
    expect(reused).toBeGreaterThan(answered / 2);
  });

  it('reuses the entries of unchanged items and parses only the edited one', () => {
    const d: Doc = { header: ['# mine'], owner: true, indent: '  ', items: [0, 1, 2, 3].map((n) => ({ n, nameStyle: 0, wire: 'openai', flowAuth: true, headers: {}, flowHeaders: true, extra: null, comment: null, maxTokens: null })), trailer: '' };
    const before = render(d);
    const previous = cacheOf(before)!;
    expect(previous.blocks).toHaveLength(4);
    const after = before.replace('name: model 2', 'name: renamed by hand');
    const r = fastRegistry(after, previous)!;
    expect(r.entries.map((e) => e.name)).toEqual(['model 0', 'model 1', 'renamed by hand', 'model 3']);
    expect(r.entries[0]).toBe(previous.entries[0]);
    expect(r.entries[3]).toBe(previous.entries[3]);
    expect(r.entries[2]).not.toBe(previous.entries[2]);
    expect(r.blocks![2]).not.toBe(previous.blocks![2]);
    expect(r.tail).toEqual({ indent: 2 });
  });

  it('cuts the models list where the full reader does, and refuses any other layout', () => {
    const t = 'version: 1\nmodels:\n  # first\n  - a: 1\n    b: 2\n\n  # between\n  - c: 3\n# at column 0\n  - d: 4\n';
    const cut = modelItems(t)!;
    expect(cut.indent).toBe(2);
    expect(cut.starts.map((s) => t.slice(s, s + 8))).toEqual(['  - a: 1', '  - c: 3', '  - d: 4']);
    expect(modelItems('models:\n- a: 1\n- b: 2\n')).toEqual({ indent: 0, starts: [8, 15] });
    // models not the last node, an item left of the first, nothing under models, models with a comment on its line
    for (const odd of ['models:\n  - a: 1\nother: 2\n', 'models:\n    - a: 1\n  - b: 2\n', 'models:\n', 'models: []\n', 'models: # c\n  - a: 1\n', 'x: 1\n']) expect(modelItems(odd), odd).toBeNull();
    // `models:` inside a value or as part of a longer key is not the list
    expect(modelItems('note: models:\nmodels_old:\nmodels:\n  - a: 1\n')!.starts).toEqual([34]);
  });

  it('knows a trailing comment as the full reader does', () => {
    for (const t of ['a: 1\n# c\n', 'a: 1\n  # c\n\n   \n', 'a: 1\n# c', 'models:\n  - a: 1\n  # c\n']) {
      expect(endsWithComment(t), t).toBe(true);
      expect(fastParseYaml(t)?.tail ?? null).toBeNull();
    }
    for (const t of ['a: 1\n', 'a: 1 # c\n', '', '\n\n', 'models:\n  - a: 1\n\n']) expect(endsWithComment(t), t).toBe(false);
  });
});

describe('a hand edit of a cached registry, end to end', () => {
  const saved = process.env.BYOK_CACHE_DIR;
  let cacheDir = '';
  beforeAll(() => {
    cacheDir = mkdtempSync(join(tmpdir(), 'byok-cache-'));
    process.env.BYOK_CACHE_DIR = cacheDir;
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.BYOK_CACHE_DIR;
    else process.env.BYOK_CACHE_DIR = saved;
  });

  it('takes unchanged entries from the cache and reads the edited one from the file', async () => {
    const d: Doc = { header: [], owner: false, indent: '  ', items: [0, 1, 2].map((n) => ({ n, nameStyle: 1, wire: 'anthropic', flowAuth: false, headers: { 'X-Title': 'my app' }, flowHeaders: false, extra: 'kept', comment: null, maxTokens: 100 })), trailer: '' };
    const dir = mkdtempSync(join(tmpdir(), 'byok-blocks-'));
    mkdirSync(join(dir, 'config'));
    const file = join(dir, REGISTRY_REL);
    writeFileSync(file, render(d));
    expect(await listModels({ workspace: dir })).toMatchObject({ ok: true, count: 3 });
    // Mark the cached entries, so that a reused one shows: the cache is trusted like the user's own files.
    const [name] = readdirSync(cacheDir);
    const cachePath = join(cacheDir, name);
    const cache = JSON.parse(readFileSync(cachePath, 'utf8'));
    expect(cache.blocks).toHaveLength(3);
    for (const e of cache.entries) e.my_note = 'from the cache';
    writeFileSync(cachePath, JSON.stringify(cache));
    writeFileSync(file, readFileSync(file, 'utf8').replace('name: "model 1"', 'name: edited'));
    const l = (await listModels({ workspace: dir })) as { models: { name: string; my_note: string }[] };
    expect(l.models.map((m) => [m.name, m.my_note])).toEqual([
      ['model 0', 'from the cache'],
      ['edited', 'kept'],
      ['model 2', 'from the cache'],
    ]);
    // An append after it keeps the digests in step: a later edit still reads item by item.
    expect(await add({ upstream_model: 'appended', base_url: 'https://new.example.com/v1' }, { workspace: dir })).toMatchObject({ ok: true, created: true });
    const next = JSON.parse(readFileSync(cachePath, 'utf8'));
    expect(next.blocks).toHaveLength(4);
    expect(next.blocks).toEqual(cacheOf(readFileSync(file, 'utf8'))!.blocks);
  });
});
