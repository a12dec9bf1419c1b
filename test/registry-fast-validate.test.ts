// The registry validated without zod (src/registry/fast-validate.ts) against
// the zod schema it writes out (src/registry/schema.ts), differentially: on
// generated registries whose entries have fields dropped, retyped, set to
// odd values or added, whatever the fast path accepts zod accepts too, with
// the same entries in the same key order; and the fast path accepts the
// ordinary entries byok writes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastValidate } from '../src/registry/fast-validate.js';
import { RegistryFile } from '../src/registry/schema.js';
import { generateKey } from './helpers/keys.js';

/** Deep equality that also checks key order. */
function same(a: unknown, b: unknown): boolean {
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return Object.is(a, b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** What the store gives zod: the file's value, `models: null` read as an empty list. */
function zodRead(file: Record<string, unknown>): unknown[] | null {
  const obj = structuredClone(file);
  if (obj.models === null) obj.models = [];
  const r = RegistryFile.safeParse(obj);
  return r.success ? r.data.models : null;
}

function check(file: Record<string, unknown>): boolean {
  const fast = fastValidate(structuredClone(file));
  if (!fast) return false;
  const slow = zodRead(file);
  expect(slow, JSON.stringify(file)).not.toBeNull();
  expect(same(fast, slow), `fast: ${JSON.stringify(fast)}\nzod: ${JSON.stringify(slow)}`).toBe(true);
  return true;
}

const base = (i: number): Record<string, unknown> => ({
  id: `custom/model-${i}-${(0x1000 + i).toString(16).slice(-4)}`,
  name: `Model ${i}`,
  vendor: null,
  upstream_model: `vendor/model-${i}`,
  base_url: 'https://api.example.com/v1',
  wire: 'openai',
  api_key_env: 'CUSTOM_KEY_API_EXAMPLE_COM',
  auth: { in: 'header', name: 'Authorization', scheme: 'Bearer' },
  headers: { 'X-Title': 'my app' },
  query: {},
  thinking_capability: 'none',
  thinking_mode: 'auto',
  thinking_params: {},
  request_params: { top_k: 20, chat_template_kwargs: { enable_thinking: false } },
  capabilities: { streaming: true },
  max_tokens: null,
  param_policy: { drop_params: [] },
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
});

const FIELDS = Object.keys(base(0));
/** Values that break or bend a field: other types, edge values, near-miss enums and shapes. */
const odd = fc.constantFrom<unknown>(
  null, '', 'x', 0, 1, -1, 1.5, 2 ** 60, true, false, [], {}, ['a'], { a: 1 }, { a: 'b' }, { a: true },
  'anthropic', 'enabled', 'disabled', 'Auto', 'custom/x-0000', 'custom/X-0000', 'custom/-a-0000', 'http://example.com/v1', 'http://localhost:8080/v1',
  'https://u:p@example.com', 'https://example.com/v1?x=1', 'lower_case', 'A_B', '1AB',
  { in: 'header', name: 'x-api-key', scheme: null }, { in: 'header', name: 'Authorization' }, { in: 'header', name: 'Authorization', scheme: 'Token' },
  { in: 'header', name: 'Authorization', scheme: 'bearer' }, { in: 'query', name: 'key' }, { in: 'query', name: 'key', extra: 1 }, { in: 'none' }, { in: 'none', name: 'x' }, { in: 'cookie' },
  { drop_params: ['temperature'] }, { drop_params: 'x' }, { other: 1 }, { other: 1, drop_params: [] }, { 'X-Api-Key': 'v' }, { 'Bad Name': 'v' }, { 'X-Note': 'caf\u00e9' },
  { 'thinking.type': 'enabled' }, { streaming: 'yes' }, 'your-model', '<YOUR_KEY>',
);

/** Values each field may validly take, besides its base value. */
const VALID: Record<string, unknown[]> = {
  name: ['Another name', 'caf\u00e9 \u{1F600}'],
  vendor: ['deepseek', null],
  upstream_model: ['m', 'org/model:free'],
  base_url: ['https://b.example.com', 'http://localhost:11434/v1'],
  wire: ['anthropic', 'openai'],
  api_key_env: ['OTHER_KEY', 'ANTHROPIC_API_KEY'],
  auth: [{ in: 'header', name: 'x-api-key', scheme: null }, { in: 'query', name: 'key' }, { in: 'header', name: 'Authorization', scheme: 'Basic', extra: 1 }],
  headers: [{}, { 'HTTP-Referer': 'https://example.com', 'X-Title': 'x' }],
  query: [{ 'api-version': '2024-10-21' }],
  thinking_capability: ['deepseek-reasoner', 'unknown-rule'],
  thinking_mode: ['enabled', 'disabled', 'auto'],
  thinking_params: [{ 'thinking.type': 'enabled' }, { reasoning: { effort: 'high' } }],
  request_params: [{}, { stop: ['a', 'b'], seed: 1 }],
  capabilities: [{ tools: false, vision: true }],
  max_tokens: [1, 4096, null],
  param_policy: [{ drop_params: ['temperature'] }, { other: 1 }, { keep: 'x', drop_params: [] }, {}],
  created_at: ['later'],
  x_note: ['a note', { nested: [1, 2] }],
};

const mutation = fc.constantFrom(...FIELDS, 'x_note', 'notes').chain((field) =>
  fc.record({
    field: fc.constant(field),
    op: fc.constantFrom('drop', 'set', 'set', 'set', 'move'),
    value: VALID[field] ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...VALID[field]) }, { weight: 1, arbitrary: odd }) : odd,
  }),
);

const registry = fc.record({
  entries: fc.array(fc.array(mutation, { maxLength: 3 }), { maxLength: 4 }),
  version: fc.constantFrom<unknown>(1, 1, undefined, 2, '1'),
  extra: fc.boolean(),
  duplicate: fc.boolean(),
});

describe('fast registry validation', () => {
  it('accepts the entries byok writes, as zod outputs them (defaults filled, unknown fields last)', () => {
    const minimal = { id: 'custom/m-1234', name: 'm', upstream_model: 'm', base_url: 'https://a.example.com/v1', wire: 'anthropic', api_key_env: null, auth: { in: 'none' }, zz: 1 };
    expect(check({ version: 1, models: [base(1), base(2), minimal], extra: { a: 1 } })).toBe(true);
    expect(check({ models: null })).toBe(true);
    expect(check({})).toBe(true);
    expect(fastValidate({ models: [minimal] })![0]).toEqual({
      ...minimal, vendor: null, headers: {}, query: {}, thinking_capability: 'none', thinking_mode: 'auto', thinking_params: {}, request_params: {}, capabilities: {}, max_tokens: null, param_policy: { drop_params: [] },
    });
  });

  it('refuses (leaving it to zod) duplicate ids, a key in a field, and a bad version', () => {
    expect(fastValidate({ models: [base(1), base(1)] })).toBeNull();
    expect(fastValidate({ models: [{ ...base(1), headers: { 'X-Note': generateKey('openai-proj') } }] })).toBeNull();
    expect(fastValidate({ version: 2, models: [] })).toBeNull();
  });

  it('never accepts what zod refuses, and answers what zod answers', () => {
    let accepted = 0;
    fc.assert(
      fc.property(registry, (r) => {
        const models = r.entries.map((muts, i) => {
          const e = base(i);
          for (const m of muts) {
            if (m.op === 'drop') delete e[m.field];
            else if (m.op === 'set') e[m.field] = structuredClone(m.value);
            else if (m.field in e) {
              // Same value, another place in the key order.
              const v = e[m.field];
              delete e[m.field];
              e[m.field] = v;
            }
          }
          return e;
        });
        if (r.duplicate && models.length) models.push(structuredClone(models[0]));
        const file: Record<string, unknown> = { ...(r.extra ? { note: 'x' } : {}), models, ...(r.version !== undefined ? { version: r.version } : {}) };
        if (check(file)) accepted++;
      }),
      { numRuns: 800 },
    );
    expect(accepted).toBeGreaterThan(120);
  });
});
