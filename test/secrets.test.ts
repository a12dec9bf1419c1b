// Secrets: the key-shape table drives both detection and the test generator,
// so every generated key must classify as a secret; placeholders from docs
// must not; and no generated key survives, in any part, in any output.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inspect, parseExample } from '../src/api.js';
import { SHAPES, classifyCredential, scanText, scrub, scrubString } from '../src/secrets/index.js';
import { generateKey, leaks } from './helpers/keys.js';
import { SHAPE_IDS } from './helpers/key-gen.mjs';

/** A deterministic random source from a fast-check seed. */
const rng = (seed: number) => {
  let x = seed >>> 0 || 1;
  return () => ((x = (x * 1664525 + 1013904223) >>> 0) / 2 ** 32);
};

/** The first leaked window of a key in `out`, described; null when none leaked. */
const leaked = (out: string, key: string) => leaks(out, [key])[0] ?? null;

describe('key shapes', () => {
  it('production code exports no key generator; the test-side one knows every shape the detector compiles', async () => {
    const secrets = await import('../src/secrets/index.js');
    const lib = await import('../src/index.js');
    for (const m of [secrets, lib]) for (const name of ['generateKey', 'expandKeyMarkers', 'charsetChars']) expect(Object.keys(m)).not.toContain(name);
    expect([...SHAPE_IDS].sort()).toEqual(SHAPES.map((s) => s.id).sort());
  });

  it.each(SHAPES.map((s) => [s.id]))('a generated %s key is a secret and matches its own shape', (id) => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const k = generateKey(id, rng(seed));
        const c = classifyCredential(k);
        expect(c.kind).toBe('secret');
        expect(SHAPES.find((s) => s.id === id)!.anchored.test(k)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it.each([
    'GEMINI_API_KEY', '<YOUR_API_KEY>', '<TOGETHER_API_KEY>', 'sk-...', 'sk-…', 'YOUR_API_KEY', 'your-api-key', 'your_api_key_here',
    'YOUR_XAI_API_KEY_HERE', 'xai-YOUR_XAI_API_KEY_HERE', '$OPENAI_API_KEY', '${OPENAI_API_KEY}', '{{api_key}}', '{{KEY:openai-proj}}',
    // Built from parts: even a filler this long trips secret scanners when committed whole.
    'sk-proj-' + 'X'.repeat(32), 'sk-' + 'x'.repeat(40), 'sk-' + '1234567890abcdef'.repeat(2),
    '********', 'Bearer <token>', '[YOUR_KEY]', '%OPENAI_API_KEY%', 'sk-your-key', 'api_key', 'changeme', 'sk-anything',
  ])('%s is a placeholder, not a secret', (p) => {
    expect(classifyCredential(p).kind).not.toBe('secret');
  });

  it.each(['ollama', 'EMPTY', 'lm-studio', 'not-needed', 'sk-no-key-required'])('%s is a dummy key for local servers', (d) => {
    expect(classifyCredential(d).kind).toBe('dummy');
  });

  it('names the variable a decorated placeholder points at', () => {
    expect(classifyCredential('<TOGETHER_API_KEY>')).toEqual({ kind: 'placeholder', likely_env: 'TOGETHER_API_KEY' });
    expect(classifyCredential('GEMINI_API_KEY')).toEqual({ kind: 'placeholder', likely_env: 'GEMINI_API_KEY' });
    expect(classifyCredential('<YOUR_XAI_API_KEY>')).toEqual({ kind: 'placeholder', likely_env: 'XAI_API_KEY' });
    expect(classifyCredential('YOUR_API_KEY')).toEqual({ kind: 'placeholder', likely_env: undefined });
  });

  it('finds a key-shaped token in a comment and reports its line', () => {
    const k = generateKey('groq');
    const found = scanText(`# my key: ${k}\ncurl https://api.groq.com/openai/v1/chat/completions`);
    expect(found.map((f) => [f.value === k, f.line])).toEqual([[true, 1]]);
  });
});

describe('scrub', () => {
  it('removes every 8-character window of a secret, prefixes and suffixes included', () => {
    const k = generateKey('openai-proj');
    const s = `a ${k.slice(0, 12)} b ${k.slice(-9)} c ${k}`;
    const out = scrubString(s, [k]);
    expect(leaked(out, k)).toBeNull();
    expect(out.startsWith('a <redacted> b <redacted> c <redacted>')).toBe(true);
  });
  it('walks objects, arrays and keys', () => {
    const k = generateKey('anthropic');
    const out = JSON.stringify(scrub({ [k]: [k, { x: 'Bearer ' + k }] }, [k]));
    expect(leaked(out, k)).toBeNull();
  });
});

// Every place a pasted example can hold a key, in each dialect.
const SITES: Array<(k: string) => string> = [
  (k) => `curl https://api.openai.com/v1/chat/completions -H "Authorization: Bearer ${k}" -d '{"model":"gpt-5"}'`,
  (k) => `curl https://api.anthropic.com/v1/messages -H 'x-api-key: ${k}' -d '{"model":"claude-sonnet-4-5","max_tokens":10}'`,
  (k) => `curl "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent?key=${k}" -d '{"contents":[]}'`,
  (k) => `export DEEPSEEK_API_KEY=${k}\ncurl https://api.deepseek.com/chat/completions -H "Authorization: Bearer $DEEPSEEK_API_KEY" -d '{"model":"deepseek-chat"}'`,
  (k) => `# key: ${k}\ncurl https://api.x.ai/v1/chat/completions -H "Authorization: Bearer $XAI_API_KEY" -d '{"model":"grok-4"}'`,
  (k) => `curl -u "user:${k}" https://api.example.com/v1/chat/completions -d '{"model":"m","messages":[]}'`,
  (k) => `curl https://api.groq.com/openai/v1/chat/completions --oauth2-bearer ${k} --json '{"model":"llama-3.3-70b-versatile"}'`,
  (k) => `curl.exe https://api.groq.com/openai/v1/chat/completions \`\n  -H "Authorization: Bearer ${k}" \`\n  -d '{"model":"qwen/qwen3-32b"}'`,
  (k) => `curl https://api.mistral.ai/v1/chat/completions ^\n  -H "Authorization: Bearer ${k}" ^\n  -d "{\\"model\\": \\"mistral-small-latest\\"}"`,
  (k) => `curl https://api.openai.com/v1/chat/completions -H "X-Custom-Token: ${k}" -H "Authorization: Bearer $OPENAI_API_KEY" -d '{"model":"gpt-5"}'`,
  (k) => `curl https://api.openai.com/v1/chat/completions -d '{"model":"gpt-5","api_key":"${k}"}'`,
];

describe('no key leaks (property)', () => {
  it('never prints any 8-char window of a key placed at any credential site', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...SHAPES.map((s) => s.id)), fc.integer(), fc.integer({ min: 0, max: SITES.length - 1 }), async (id, seed, site) => {
        const k = generateKey(id, rng(seed));
        const text = SITES[site](k);
        for (const r of [await parseExample(text), await inspect(text)]) {
          expect(leaked(JSON.stringify(r), k)).toBeNull();
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reports a key in the Authorization header as secret_redacted and keeps the env name when exported', async () => {
    const k = generateKey('sk-hex32');
    const r: any = await parseExample(SITES[3](k));
    expect(r.ok).toBe(true);
    expect(r.detected.key_env).toBe('DEEPSEEK_API_KEY');
    expect(r.warnings.map((w: any) => w.code)).toContain('secret_redacted');
  });
});
