// The scanner finds glued and split keys, never takes structure (hosts, model
// ids, paths) for a key, runs in linear time on hostile input, and the output
// boundary scrubs every 8-character stretch of every secret it was told of.
import { describe, expect, it } from 'vitest';
import { SHAPES, classifyCredential, excerpt, forgetSecrets, isCredentialName, rememberArguments, rememberEnvironment, rememberSecret, scanText, scrubResult } from '../src/secrets/index.js';
import { scanScope } from '../src/secrets/scan.js';
import { parseExample } from '../src/api.js';
import { generateKey, leaks } from './helpers/keys.js';
import { seeded } from './helpers/run.js';

const ALL = SHAPES.map((s) => s.id);

describe('glued keys (no left boundary)', () => {
  it.each(ALL)('finds a %s key glued to what precedes it', (id) => {
    const k = generateKey(id);
    // Prefix-less hex keys are found when the glue is not itself of their charset.
    for (const text of [`https://api.example-llm.com/bot${k}/v1/chat`, `key-${k}`, `X-Trace: id_${k}`])
      expect(scanText(text).map((f) => f.value)).toContain(k);
  });
});

describe('split keys', () => {
  it.each(ALL.filter((id) => !SHAPES.find((s) => s.id === id)!.charsetRun))('finds both halves of a %s key split by a space, NBSP or string quotes', (id) => {
    const k = generateKey(id);
    const cut = Math.floor(k.length / 2);
    for (const sep of [' ', '\u00a0', '" "', "' + '"]) {
      const found = scanText(`Authorization: Bearer ${k.slice(0, cut)}${sep}${k.slice(cut)}`);
      const pieces = found.flatMap((f) => f.pieces ?? [f.value]);
      expect(pieces).toContain(k.slice(cut));
    }
  });

  it('a key split by a space at a credential site is a secret', () => {
    const k = generateKey('groq');
    expect(classifyCredential(`${k.slice(0, 20)} ${k.slice(20)}`).kind).toBe('secret');
    expect(classifyCredential('YOUR API KEY').kind).not.toBe('secret');
  });
});

describe('no false alarms on structure', () => {
  it.each([
    'base_url: "https://api.tokenfactory.us-central1.nebius.com/v1"',
    'token: "https://api.tokenfactory.us-central1.nebius.com/v1/"',
    'api_key = moonshotai/Kimi-K2.5-fast-preview-0905',
    'token: accounts/fireworks/models/llama-v3p1-405b-instruct',
    'secret: Qwen/Qwen2.5-Coder-32B-Instruct-AWQ',
    'curl https://api.example.com/v1/token/refresh/accounts/fireworks/models/llama-v3p1-8b-instruct',
    'Authorization: Bearer $OPENAI_API_KEY',
    'x-goog-api-key: <YOUR_API_KEY>',
    'id: 123e4567-e89b-12d3-a456-426614174000',
    'commit 9fceb02d0ae598e95dc970b74767f19372d61af8',
  ])('%s holds no key', (text) => {
    expect(scanText(text)).toEqual([]);
  });
});

describe('credential names', () => {
  it.each(['api_key', 'accessToken', 'credentials', 'password', 'X-Session', 'Cookie', 'subscription-key', 'Ocp-Apim-Subscription-Key', 'auth'])('%s names a credential', (n) =>
    expect(isCredentialName(n)).toBe(true));
  it.each(['code', 'sig'])('%s names a credential in a query string only', (n) => {
    expect(isCredentialName(n, 'query')).toBe(true);
    expect(isCredentialName(n)).toBe(false);
  });
  it.each(['max_tokens', 'idempotency-key', 'prompt_cache_key', 'model', 'author', 'stream'])('%s does not', (n) => expect(isCredentialName(n, 'query')).toBe(false));
});

describe('linear time on hostile input (generous bounds, far below what a quadratic path takes)', () => {
  const CAP = 256 * 1024;
  const cases: [string, () => string][] = [
    ["'token' + spaces", () => "'token'" + ' '.repeat(CAP)],
    ['Bearer + spaces + x', () => "-H 'Authorization: Bearer" + ' '.repeat(CAP - 40) + "x'"],
    ['prefixes glued', () => 'sk-'.repeat(CAP / 3)],
    ['prefixes split', () => 'sk-a '.repeat(CAP / 5)],
    ['credential words', () => 'api_key='.repeat(CAP / 8)],
    ['one hex run', () => 'a'.repeat(CAP)],
    ['quotes', () => '"'.repeat(CAP)],
    ['NBSP and quotes', () => 'gsk_\u00a0"'.repeat(CAP / 6)],
    ['1,800 keys', () => Array.from({ length: 1800 }, (_, i) => `k${i}: ${generateKey(ALL[i % ALL.length])}`).join('\n').slice(0, CAP)],
  ];
  it.each(cases)('%s', (_name, make) => {
    const text = make();
    const t0 = performance.now();
    scanText(text);
    scrubResult({ text: text.slice(0, 64 * 1024) });
    expect(performance.now() - t0).toBeLessThan(5000);
  });
});

describe('the output boundary', () => {
  it('scrubs every 8-character stretch of a remembered secret, fragments included', () => {
    forgetSecrets();
    const k = generateKey('azure-hex32');
    rememberSecret(k);
    const out = scrubResult({ error: `HTTP 401: key ${k.slice(0, 12)}...${k.slice(-9)} was refused`, [k.slice(3, 20)]: 1 });
    expect(leaks(JSON.stringify(out), [k])).toEqual([]);
    expect(out.error).toContain('HTTP 401');
  });

  it('remembers key-shaped arguments and credential flags, and environment key variables', () => {
    forgetSecrets();
    const a = generateKey('groq');
    // Prefix-less secrets; a random run such as `dddddd` reads as a placeholder, so draw until there is none.
    const draw = (make: () => string) => {
      for (;;) {
        const v = make();
        if (classifyCredential(v).kind === 'secret') return v;
      }
    };
    const b = draw(() => 'Zk' + generateKey('azure-hex32').slice(2, 30));
    const c = generateKey('xai');
    const d = draw(() => 'p4' + generateKey('sk-hex32').slice(5));
    rememberArguments(['inspect', `curl -H 'Authorization: Bearer ${a}'`, '--request-params', JSON.stringify({ api_key: b }), '--header', `X-Session: ${d}`]);
    rememberEnvironment({ MY_LLM_TOKEN: c, PATH: '/usr/bin:/bin', HOME: '/home/u' }, true);
    const out = JSON.stringify(scrubResult({ a: a.slice(10, 30), b: `x${b}`, c: c.slice(40), d, path: '/usr/bin:/bin' }));
    expect(leaks(out, [a, b, c, d])).toEqual([]);
    expect(out).toContain('/usr/bin:/bin');
  });

  it('finds a key no one told it about (a key a catalog listed as a model id)', () => {
    forgetSecrets();
    const k = generateKey('openrouter');
    expect(leaks(JSON.stringify(scrubResult({ models: [{ id: k }, { id: 'gpt-4o' }] })), [k])).toEqual([]);
  });

  it('excerpt scrubs before it cuts', () => {
    forgetSecrets();
    const k = generateKey('anthropic');
    rememberSecret(k);
    const e = excerpt(`${'x'.repeat(150)} ${k}`, 160);
    expect(leaks(e, [k])).toEqual([]);
    expect(e.length).toBeLessThanOrEqual(161);
  });

  it('a library result never carries a pasted key, even in a later unrelated result', async () => {
    forgetSecrets();
    const k = generateKey('fireworks');
    const r = await parseExample(`curl https://api.fireworks.ai/inference/v1/chat/completions -H "Authorization: Bearer ${k}" -d '{"model":"accounts/fireworks/models/llama-v3p1-8b-instruct"}'`);
    expect(leaks(JSON.stringify(r), [k])).toEqual([]);
    expect(leaks(JSON.stringify(scrubResult({ echo: `the key was ${k.slice(5, 25)}` })), [k])).toEqual([]);
  });
});

describe('credential values with long separator runs', () => {
  it('classifies a value with a 120,000-character run of , and ; not at its end in linear time', () => {
    // The old trailing trim /[,;]+$/ retried the run from each position: 9.7 s here.
    const value = 'x' + ',;'.repeat(60_000) + 'y';
    const t0 = process.cpuUsage();
    classifyCredential(value);
    const { user, system } = process.cpuUsage(t0);
    expect((user + system) / 1000).toBeLessThan(2000);
  });
});

describe('a split key whose later piece has no digit', () => {
  // Random base62 has no digit in 24 characters about once in 70 keys: such a piece is still
  // random (its letters change case often), unlike a word or header name that follows a key.
  const rnd = seeded(20261203);
  const noDigits = (t: string) => t.replace(/[0-9]/g, () => String.fromCharCode((rnd() < 0.5 ? 65 : 97) + Math.floor(rnd() * 26)));
  it.each(['openai', 'anthropic', 'groq', 'xai'])('finds the %s key and both its pieces', (id) => {
    const k = generateKey(id, rnd);
    const cut = Math.floor(k.length / 2);
    const tail = noDigits(k.slice(cut));
    expect(tail).not.toMatch(/[0-9]/);
    for (const sep of [' ', '" "']) {
      const pieces = scanText(`Authorization: Bearer ${k.slice(0, cut)}${sep}${tail}`).flatMap((f) => f.pieces ?? [f.value]);
      expect(pieces).toContain(tail);
    }
  });

  it('still ends at a header name or word after the key', () => {
    const k = generateKey('openai', rnd);
    const found = scanText(`-H "Authorization: Bearer ${k}" -H "XMLHttpRequest: ContentTypeHeader"`);
    expect(found.map((f) => f.value)).toEqual([k]);
  });
});

describe('a key split by invisible characters from a web page', () => {
  it.each(['\u200b', '\u2060', '\ufeff'])('U+%s inside a key: no piece of the key is printed', async (ch) => {
    const random = seeded(7);
    for (const shape of ['openai', 'anthropic', 'xai', 'gemini', 'sk-hex32'] as const) {
      const key = generateKey(shape, random);
      for (const at of [6, 12, key.length - 7]) {
        const split = key.slice(0, at) + ch + key.slice(at);
        const r = await parseExample(`curl https://api.example.com/v1/chat/completions -H "Authorization: Bearer ${split}" -d '{"model":"m1","api_key":"${split}"}'`);
        expect(leaks(JSON.stringify(r), [key]), `${shape} split at ${at}`).toEqual([]);
      }
    }
  });
});

describe('scanScope: one scan of a text per library call', () => {
  it('answers a text scanned before in the scope with the same findings, each a fresh copy', async () => {
    const random = seeded(11);
    const a = generateKey('openai', random);
    const b = generateKey('anthropic', random);
    const text = `curl https://api.example.com -H "Authorization: Bearer ${a}" -d '{"k":"${b.slice(0, 20)}" "${b.slice(20)}"}'`;
    const outside = scanText(text);
    expect(outside.map((f) => f.value)).toEqual(expect.arrayContaining([a, b]));
    await scanScope(async () => {
      const first = scanText(text);
      expect(first).toEqual(outside);
      first[0].value = 'changed';
      first.find((f) => f.pieces)!.pieces!.push('extra');
      expect(scanText(text)).toEqual(outside);
      // Another text in the same scope is scanned for itself.
      expect(scanText('no key here')).toEqual([]);
    });
    expect(scanText(text)).toEqual(outside);
  });
});

describe('a paste of many keys', () => {
  it('lists 20 secret warnings and sums up the rest in one, naming their lines, with no key in the result', async () => {
    const random = seeded(21);
    const keys = Array.from({ length: 60 }, () => generateKey('openai', random));
    const text = keys.map((k) => `OPENAI_API_KEY=${k}`).join('\n') + `\ncurl https://api.openai.com/v1/chat/completions -H "Authorization: Bearer $OPENAI_API_KEY" -d '{"model":"gpt-4o"}'`;
    const r = await parseExample(text);
    expect(r.ok).toBe(true);
    const secretWarnings = r.warnings.filter((w) => w.code === 'secret_redacted');
    expect(secretWarnings).toHaveLength(21);
    expect(secretWarnings[20].message).toMatch(/^\d+ more keys or key-shaped tokens \(lines \d+ to \d+\) were not copied anywhere/);
    const more = Number(/^(\d+)/.exec(secretWarnings[20].message)![1]);
    // Every key line has its warning, listed or counted.
    expect(more + 20).toBeGreaterThanOrEqual(60);
    expect(leaks(JSON.stringify(r), keys)).toEqual([]);
  });
});
