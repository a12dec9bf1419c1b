// A hand-written registry of 1,000 entries (comments, blank lines, unknown
// fields, flow maps, quoted and plain timestamps), read the first time with
// no cache: list, get and add answer what the full yaml + zod path answers,
// add keeps every byte of the file outside the new entry, and a later hand
// edit is seen at once. Correctness only: the speed is measured by the bench.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { add, get, listModels } from '../src/registry/index.js';
import { entryId } from '../src/registry/ids.js';
import { parseRegistry, REGISTRY_REL } from '../src/registry/store.js';

const saved = process.env.BYOK_CACHE_DIR;
beforeAll(() => {
  process.env.BYOK_CACHE_DIR = mkdtempSync(join(tmpdir(), 'byok-cache-'));
});
afterAll(() => {
  if (saved === undefined) delete process.env.BYOK_CACHE_DIR;
  else process.env.BYOK_CACHE_DIR = saved;
});

/** A registry as a person might keep one: byok's layout, edited by hand. */
function handWritten(n: number, variant: (i: number) => string = () => ''): string {
  let y = '# my models\n# kept by hand and by byok\nversion: 1\nowner: me   # an unknown top-level field\nmodels:\n';
  for (let i = 0; i < n; i++) {
    const base = `https://api${i % 17}.example.com/v1`;
    const model = `vendor/model-${i}`;
    y += `  # entry ${i}
  - id: ${entryId(base, model)}
    name: "Model ${i} \\u00e9"
    vendor: null
    upstream_model: ${model}
    base_url: ${base}
    wire: ${i % 3 ? 'openai' : 'anthropic'}
    api_key_env: CUSTOM_KEY_API${i % 17}_EXAMPLE_COM
    auth: { in: header, name: ${i % 3 ? 'Authorization, scheme: Bearer' : 'x-api-key, scheme: null'} }
    headers:
      X-Title: 'my app''s name'
    request_params: { top_k: ${i}, chat_template_kwargs: { enable_thinking: false }, stop: [a, "b c"] }
    capabilities: { streaming: true, tools: ${i % 2 === 0} }
    max_tokens: ${i % 5 ? 'null' : 1000 + i}
    my_note: kept ${i} # a comment after a value
    created_at: ${i % 2 ? '"2026-01-01T00:00:00.000Z"' : '2026-01-01T00:00:00.000Z'}
${variant(i)}
`;
  }
  return y;
}

function workspace(text: string): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'byok-big-'));
  mkdirSync(join(dir, 'config'));
  const file = join(dir, REGISTRY_REL);
  writeFileSync(file, text);
  return { dir, file };
}

/** The entries the full path (yaml's Document and zod) reads from a text. */
function fullRead(text: string): unknown[] {
  const r = parseRegistry(text);
  if ('ok' in r) throw new Error(r.error);
  return r.entries;
}

/** list's models without what list adds (model_id, api_key_set): the stored entries. */
const stored = (models: Record<string, unknown>[]) => models.map(({ model_id: _m, api_key_set: _k, ...e }) => e);

describe('a hand-written registry of 1,000 entries', () => {
  it('lists, gets and adds as the full path reads it, keeping every byte outside the new entry', async () => {
    const text = handWritten(1000);
    const { dir, file } = workspace(text);
    const expected = fullRead(text);
    expect(expected).toHaveLength(1000);

    const l = (await listModels({ workspace: dir })) as { ok: true; count: number; models: Record<string, unknown>[] };
    expect(l.ok).toBe(true);
    expect(l.count).toBe(1000);
    // Same entries, same key order (JSON compares the order too).
    expect(JSON.stringify(stored(l.models))).toBe(JSON.stringify(expected));
    expect(l.models[3]).toMatchObject({ name: 'Model 3 é', my_note: 'kept 3', headers: { 'X-Title': "my app's name" }, max_tokens: null, wire: 'anthropic' });

    const mid = expected[500] as { id: string };
    const g = await get(mid.id, { workspace: dir });
    expect(g).toMatchObject({ ok: true, model_id: mid.id, my_note: 'kept 500', max_tokens: 1500 });

    const a = await add({ upstream_model: 'brand-new', base_url: 'https://new.example.com/v1' }, { workspace: dir });
    expect(a).toMatchObject({ ok: true, created: true });
    const after = readFileSync(file, 'utf8');
    expect(after.startsWith(text)).toBe(true);
    expect(after.slice(text.length)).toMatch(/^  - id: custom\/brand-new-[0-9a-f]{4}\n/);
    const again = fullRead(after);
    expect(again).toHaveLength(1001);
    expect(JSON.stringify(again.slice(0, 1000))).toBe(JSON.stringify(expected));
    expect(again[1000]).toMatchObject({ upstream_model: 'brand-new', base_url: 'https://new.example.com/v1' });

    // A hand edit is seen at once (no stale cache), and the next add appends after it.
    writeFileSync(file, after.replace('my_note: kept 9 #', 'my_note: edited by hand #'));
    const l2 = (await listModels({ workspace: dir })) as { count: number; models: { my_note: string }[] };
    expect(l2.count).toBe(1001);
    expect(l2.models[9].my_note).toBe('edited by hand');
    expect(await add({ upstream_model: 'newer', base_url: 'https://new.example.com/v1' }, { workspace: dir })).toMatchObject({ ok: true, created: true });
    expect(((await listModels({ workspace: dir })) as { count: number }).count).toBe(1002);
  });

  it('re-adding an existing endpoint and model updates it in place, comments and unknown fields kept', async () => {
    const text = handWritten(60);
    const { dir, file } = workspace(text);
    expect(await listModels({ workspace: dir })).toMatchObject({ ok: true, count: 60 });
    const u = await add({ upstream_model: 'vendor/model-7', base_url: 'https://api7.example.com/v1', name: 'Seven' }, { workspace: dir });
    expect(u).toMatchObject({ ok: true, created: false });
    const updated = readFileSync(file, 'utf8');
    expect(updated).toContain('# entry 7\n');
    expect(updated).toContain('my_note: kept 7 # a comment after a value');
    // yaml's round trip keeps the comment and the field (it writes one space before the comment).
    expect(updated).toMatch(/owner: me +# an unknown top-level field/);
    const e = fullRead(updated) as { name: string; my_note: string }[];
    expect(e[7]).toMatchObject({ name: 'Seven', my_note: 'kept 7' });
    expect(((await get(entryId('https://api7.example.com/v1', 'vendor/model-7'), { workspace: dir })) as { name: string }).name).toBe('Seven');
  });

  it('a file outside the fast reader\'s subset (anchors, a block scalar) reads the same through the full path', async () => {
    const text = handWritten(60, (i) => (i === 10 ? '    anchored: &note shared text\n    again: *note\n    long: |\n      two\n      lines' : ''));
    const { dir, file } = workspace(text);
    const l = (await listModels({ workspace: dir })) as { count: number; models: Record<string, unknown>[] };
    expect(l.count).toBe(60);
    expect(JSON.stringify(stored(l.models))).toBe(JSON.stringify(fullRead(text)));
    expect(l.models[10]).toMatchObject({ anchored: 'shared text', again: 'shared text', long: 'two\nlines\n' });
    expect(await add({ upstream_model: 'one-more', base_url: 'https://new.example.com/v1' }, { workspace: dir })).toMatchObject({ ok: true, created: true });
    expect(fullRead(readFileSync(file, 'utf8'))).toHaveLength(61);
  });

  it('a hand edit that breaks an entry is reported with its line, as before', async () => {
    const text = handWritten(50).replace('wire: openai', 'wire: grpc');
    const { dir, file } = workspace(text);
    const r = await listModels({ workspace: dir });
    expect(r).toMatchObject({ ok: false, code: 'invalid_registry' });
    expect((r as { error: string }).error).toMatch(/line \d+, column \d+/);
    const a = await add({ upstream_model: 'x', base_url: 'https://new.example.com/v1' }, { workspace: dir });
    expect(a).toMatchObject({ ok: false, code: 'invalid_registry' });
    expect(readFileSync(file, 'utf8')).toBe(text);
  });
});
