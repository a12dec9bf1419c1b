// Appending a new entry as text without yaml or zod: the entry's YAML
// (src/registry/emit-yaml.ts) reads back, with the yaml library and with the
// fast reader, as the entry itself, at any list indent, whatever its strings
// hold; byok's ordinary entries come out byte for byte as yaml's Document
// wrote them before; and the flag fields checked without zod
// (src/registry/register.ts quickFields) give the entry zod's AddFields give.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Document, isCollection, isMap, isScalar, parse, Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { entryYaml } from '../src/registry/emit-yaml.js';
import { fastParseYaml } from '../src/registry/fast-yaml.js';
import { quickFields } from '../src/registry/register.js';
import { AddFields, completeEntry } from '../src/registry/entry.js';

const head = '# my registry\nversion: 1\nmodels:\n';

/** Appends `entry` at `indent` after one existing item; the models as yaml and as the fast reader read them. */
function appended(entry: Record<string, unknown>, indent: number): { yaml: unknown[]; fast: unknown[] | null; text: string } {
  const pad = ' '.repeat(indent);
  const text = `${head}${pad}- id: custom/first-0000\n${pad}  name: first # a comment\n${entryYaml(entry, indent)}`;
  return { yaml: (parse(text) as { models: unknown[] }).models, fast: (fastParseYaml(text)?.value.models as unknown[]) ?? null, text };
}

/** Strings that need care in YAML. */
const tricky = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 10 }),
  fc.constantFrom('null', 'True', '~', '0x1F', '1e3', '.5', '-1', '+1', '0o7', '.inf', 'a: b', 'a #b', 'a:', '- x', '? x', ': x', '#x', '&a', '*a', '!t', '|', '>',
    "it's", '"q"', 'back\\slash', 'tab\there', 'line\nbreak', ' lead', 'trail ', '', 'caf\u00e9', '\u2028', '\u0085', '\ufeff', '\ud800', 'a, b', '[x]', '{y}', 'k:v', 'https://x.example/v1?a=b#c', '%x', '@x', '`x'),
);
const json: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tricky, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), tie('arr'), tie('obj')),
  arr: fc.array(fc.oneof(tricky, fc.integer(), tie('obj')), { maxLength: 3 }),
  obj: fc.dictionary(fc.oneof(fc.stringMatching(/^[a-z_][a-z0-9_.-]{0,8}$/), tricky), tie('v'), { maxKeys: 4, noNullPrototype: true }),
})).v;

const entryArb = fc.record({
  id: fc.constant('custom/new-model-abcd'),
  name: tricky,
  vendor: fc.oneof(fc.constant(null), tricky),
  upstream_model: tricky,
  base_url: fc.constant('https://api.example.com/v1'),
  wire: fc.constantFrom('openai', 'anthropic'),
  api_key_env: fc.oneof(fc.constant(null), fc.constant('CUSTOM_KEY_X')),
  auth: fc.constantFrom({ in: 'header', name: 'Authorization', scheme: 'Bearer' }, { in: 'query', name: 'key' }, { in: 'none' }),
  headers: fc.dictionary(tricky, tricky, { maxKeys: 8, noNullPrototype: true }),
  query: fc.dictionary(tricky, tricky, { maxKeys: 2, noNullPrototype: true }),
  thinking_params: fc.dictionary(tricky, json, { maxKeys: 3, noNullPrototype: true }),
  request_params: fc.dictionary(tricky, json, { maxKeys: 7, noNullPrototype: true }),
  capabilities: fc.dictionary(tricky, fc.boolean(), { maxKeys: 3, noNullPrototype: true }),
  max_tokens: fc.oneof(fc.constant(null), fc.integer({ min: 1 })),
  param_policy: fc.record({ drop_params: fc.array(tricky, { maxLength: 3 }) }),
  created_at: tricky,
  updated_at: fc.constant('2026-01-01T00:00:00.000Z'),
});

/** What the emitter writes or refuses (it throws on a list in a list, and the caller then uses yaml). */
function emits(e: Record<string, unknown>, indent: number): boolean {
  try {
    entryYaml(e, indent);
    return true;
  } catch {
    return false;
  }
}

describe('an entry appended as text', () => {
  it('reads back as the entry, with yaml and with the fast reader, at indents 0, 2 and 4', () => {
    let written = 0;
    fc.assert(
      fc.property(entryArb, fc.constantFrom(0, 2, 4), (e, indent) => {
        if (!emits(e, indent)) return;
        written++;
        const r = appended(e, indent);
        expect(JSON.stringify(r.yaml[1]), r.text).toBe(JSON.stringify(e));
        // The fast reader may leave a file to yaml, but never reads it otherwise.
        if (r.fast) expect(JSON.stringify(r.fast)).toBe(JSON.stringify(r.yaml));
      }),
      { numRuns: 400 },
    );
    expect(written).toBeGreaterThan(300);
  });

  it("writes byok's ordinary entries byte for byte as yaml's Document did", () => {
    /** The former way: a scratch Document, small maps in flow style, timestamps double-quoted. */
    function viaYaml(entry: Record<string, unknown>, indent: number): string {
      const scratch = new Document({ models: [] });
      const seq = scratch.get('models', true) as YAMLSeq;
      seq.flow = false;
      const node = scratch.createNode(entry) as unknown as YAMLMap<string, unknown>;
      for (const p of node.items) {
        const v = p.value;
        if (isMap(v) && v.items.length <= 6 && v.items.every((q) => isScalar(q.value) || (isCollection(q.value) && q.value.items.length === 0))) v.flow = true;
      }
      for (const k of ['created_at', 'updated_at']) {
        const s = new Scalar(entry[k]);
        s.type = 'QUOTE_DOUBLE';
        node.set(k, s);
      }
      seq.add(node);
      const pad = ' '.repeat(indent);
      return scratch.toString({ lineWidth: 0 }).split('\n').slice(1).map((l) => (l ? pad + l.slice(2) : l)).join('\n');
    }
    const entries = [
      completeEntry({ upstream_model: 'deepseek-chat', base_url: 'https://api.deepseek.com' }),
      completeEntry({
        upstream_model: 'anthropic/claude-sonnet-4.5', base_url: 'https://openrouter.ai/api/v1', name: 'Claude via OpenRouter', headers: { 'HTTP-Referer': 'https://example.com', 'X-Title': 'My App' },
        thinking_params: { reasoning: { effort: 'high' } }, request_params: { top_k: 20, chat_template_kwargs: { enable_thinking: false }, stop: ['a', 'b'] }, capabilities: { tools: true }, max_tokens: 4096,
        param_policy: { drop_params: ['temperature'] }, vendor: 'openrouter', wire: 'openai', auth: { in: 'header', name: 'Authorization', scheme: 'Bearer' }, api_key_env: 'OPENROUTER_API_KEY', thinking_mode: 'enabled',
      }),
      completeEntry({ upstream_model: 'llama3', base_url: 'http://localhost:11434/v1', auth: { in: 'none' }, api_key_env: null, query: { 'api-version': '2024-10-21' } }),
    ].map((c, i) => ({ id: `custom/m-${i}-abcd`, ...c, created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-02T00:00:00.000Z' }));
    for (const e of entries) for (const indent of [0, 2, 4]) expect(entryYaml(e, indent)).toBe(viaYaml(e, indent));
  });
});

describe('flag fields checked without zod', () => {
  const field = fc.oneof({ weight: 12, arbitrary: fc.string({ maxLength: 8 }) }, fc.constant(null), fc.integer());
  /** Mostly what zod accepts, sometimes not. */
  const mostly = <T,>(ok: fc.Arbitrary<T>, bad: fc.Arbitrary<unknown>) => fc.oneof({ weight: 6, arbitrary: ok }, { weight: 1, arbitrary: bad });
  const inputArb = fc.record(
    {
      upstream_model: field, base_url: field, name: field, api_key_env: field, vendor: field, thinking_capability: mostly(fc.string({ maxLength: 6 }), fc.constant(null)),
      wire: mostly(fc.constantFrom('openai', 'anthropic'), fc.constantFrom('grpc', 1)), thinking_mode: mostly(fc.constantFrom('enabled', 'disabled', 'auto'), fc.constant('on')),
      auth: mostly(
        fc.constantFrom<unknown>({ in: 'header', name: 'X', scheme: 'Bearer' }, { in: 'header', name: 'X', scheme: null, extra: 1 }, { in: 'query', name: 'k' }, { in: 'none' }, { in: 'header', name: 'X', scheme: 'Api-Key' }),
        fc.constantFrom<unknown>({ in: 'header', name: 'X' }, { in: 'header', name: 'X', scheme: 'Magic' }, { in: 'cookie' }, 'bearer', { in: 'query' }),
      ),
      headers: mostly(fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3, noNullPrototype: true }), fc.constantFrom<unknown>({ a: 1 }, [], 'x')),
      query: mostly(fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2, noNullPrototype: true }), fc.constant({ n: 1 })),
      thinking_params: mostly(fc.dictionary(fc.string({ maxLength: 5 }), json, { maxKeys: 2, noNullPrototype: true }), fc.constantFrom<unknown>('x', [1])),
      request_params: mostly(fc.dictionary(fc.string({ maxLength: 5 }), json, { maxKeys: 2, noNullPrototype: true }), fc.constant(null)),
      capabilities: mostly(fc.dictionary(fc.string({ maxLength: 5 }), fc.boolean(), { maxKeys: 2, noNullPrototype: true }), fc.constant({ tools: 'yes' })),
      max_tokens: mostly(fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(null)), fc.constantFrom<unknown>('5', Number.NaN, Infinity)),
      param_policy: mostly(fc.constantFrom<unknown>({ drop_params: ['t'] }, {}, { other: 1 }, { drop_params: [] }), fc.constantFrom<unknown>({ drop_params: 't' }, null)),
      extra: fc.string(),
    },
    { requiredKeys: [], noNullPrototype: true },
  );

  it('accepts only what zod accepts, and makes the same entry of it', () => {
    let quick = 0;
    fc.assert(
      fc.property(inputArb, (input) => {
        const q = quickFields(input);
        if (!q) return;
        quick++;
        const z = AddFields.safeParse(input);
        expect(z.success, JSON.stringify(input)).toBe(true);
        expect(JSON.stringify(completeEntry(q))).toBe(JSON.stringify(completeEntry(z.data!)));
      }),
      { numRuns: 1500 },
    );
    expect(quick).toBeGreaterThan(100);
  });
});
