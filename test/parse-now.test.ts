// Once the front-end a paste needs is loaded, a parse runs to its result with
// no promise on the way (src/api.ts `...Now`, src/index.ts boundedNow): the
// results are those of the promise path, and concurrent calls do not mix.
import { describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateKey } from './helpers/keys.js';

const root = resolve(import.meta.dirname, '..');
const fixtures = ['deepseek/chat-thinking-export.sh', 'openai/py-chat-no-args.py', 'openai/js-responses-default-client.ts'].map((f) => join(root, 'fixtures', f));

describe('parses with no promise once the front-end is loaded', () => {
  it('the first parse of a language waits for its front-end; the next is a value, equal to the promised one', async () => {
    vi.resetModules();
    const api = await import('../src/api.js');
    for (const f of fixtures) {
      const text = readFileSync(f, 'utf8');
      const first = api.parseExampleNow(text, { filename: f });
      expect(api.isPromiseLike(first)).toBe(true);
      const settled = await first;
      const next = api.parseExampleNow(text, { filename: f });
      expect(api.isPromiseLike(next)).toBe(false);
      expect(next).toEqual(settled);
      expect(api.isPromiseLike(api.inspectNow(text, { filename: f }))).toBe(false);
    }
    // A throw inside becomes a failure, not a rejection (input_too_complex here).
    const deep = 'x = ' + '['.repeat(5000) + ']'.repeat(5000);
    const r = api.parseExampleNow(deep, { filename: 'a.py' });
    expect(api.isPromiseLike(r)).toBe(false);
    expect((r as { ok: boolean; code?: string }).code).toBe('input_too_complex');
  });

  it('concurrent library calls give each its own result, keys hidden', async () => {
    const lib = await import('../src/index.js');
    const keys = [generateKey('openai'), generateKey('anthropic'), generateKey('groq')];
    const pastes = keys.map((k, i) => `curl https://api${i}.example.com/v1/chat/completions -H "Authorization: Bearer ${k}" -d '{"model": "m${i}"}'`);
    const alone = [];
    for (const p of pastes) alone.push(await lib.parseExample(p));
    const together = await Promise.all([...pastes, ...pastes].map((p) => lib.parseExample(p)));
    expect(together).toEqual([...alone, ...alone]);
    for (const r of together) for (const k of keys) expect(JSON.stringify(r)).not.toContain(k.slice(10, 18));
    expect(together.map((r) => (r.ok ? r.draft.upstream_model : null))).toEqual(['m0', 'm1', 'm2', 'm0', 'm1', 'm2']);
  });
});
