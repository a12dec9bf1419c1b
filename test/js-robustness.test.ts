// The JavaScript front-end's guarantees as properties: any text (random
// JS-ish token soup, pathological nesting, exponential-looking code) returns
// without throwing; and no key from the input ever reaches a warning, nor,
// through the whole pipeline, any output. Keys are generated at run time
// (generateKey, from the key shapes); none is written in this file.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseExample } from '../src/api.js';
import { parseJavaScript } from '../src/js/index.js';
import { generateKey, keyWindows as windows } from './helpers/keys.js';

const TOKENS = [
  'client.chat.completions.create(',
  'client.messages.create(',
  'new OpenAI(',
  'new Anthropic(',
  'new AzureOpenAI(',
  'new Mistral(',
  'createOpenAI(',
  'generateText({ model: ',
  'fetch(',
  'axios.post(',
  'axios.create(',
  'new Headers(',
  'process.env.',
  'process.env[',
  'import.meta.env.',
  'env.',
  'JSON.stringify(',
  'import OpenAI from "openai";',
  'const { X } = require("openai");',
  'export default {',
  'async function main() {',
  '=>',
  '`',
  '${',
  '"',
  "'",
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  ',',
  ':',
  '=',
  '??',
  '||',
  '...',
  '+',
  '.',
  ';',
  '\n',
  'as const',
  '!',
  'satisfies T',
  ': string',
  '<T>',
  'interface I {',
  'type T =',
  'class C {',
  'this.x',
  'return',
  'await',
  'model:',
  'apiKey:',
  'baseURL:',
  'headers:',
  'body:',
  '"https://h.test/v1"',
  '<YOUR_KEY>',
  'undefined',
  'null',
  'true',
  '42',
  '1e309',
  'x',
  '//',
  '/*',
  '```',
  '+  ',
  'export A=b',
  '\u00e9',
  '\ud800',
];

const soup = fc.array(fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 6 })), { maxLength: 120 }).map((ts) => ts.join(' '));

describe('parseJavaScript never throws and always returns', () => {
  it('on random JS-ish token soup (JavaScript and TypeScript)', () => {
    fc.assert(
      fc.property(soup, fc.boolean(), (text, ts) => {
        const r = parseJavaScript(text, ts);
        expect(Array.isArray(r.calls)).toBe(true);
        expect(Array.isArray(r.warnings)).toBe(true);
        // The catch-all in parseJavaScript is a last resort, not the way any input is handled.
        expect(r.warnings.filter((w) => /internal/.test(w.message))).toEqual([]);
        JSON.stringify(r);
      }),
      { numRuns: 400 },
    );
  });

  it('on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const r = parseJavaScript(text, false);
        expect(r.warnings.filter((w) => /internal/.test(w.message))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ['deep parentheses', '('.repeat(20000) + 'x' + ')'.repeat(20000)],
    ['deep arrays', 'const x = ' + '['.repeat(5000) + ']'.repeat(5000) + ';\nfetch("https://h.test", { body: JSON.stringify(x) });'],
    ['deep objects', 'const x = ' + '{a: '.repeat(3000) + '1' + '}'.repeat(3000) + ';\nfetch("https://h.test", { body: JSON.stringify(x) });'],
    ['unbalanced openers', 'client.chat.completions.create(' + '{"a": ['.repeat(4000)],
    ['doubling strings', 'let a = "xy";\n' + 'a = a + a;\n'.repeat(3000) + 'fetch(a, { body: a });\n'],
    ['doubling arrays and objects', 'let a = [1]; let d = { k: 1 };\n' + 'a = [...a, ...a, ...a]; d = { ...d, ...d, z: a };\n'.repeat(2000)],
    ['many calls', 'import OpenAI from "openai";\nconst c = new OpenAI();\n' + 'c.chat.completions.create({ model: "m", messages: [] });\n'.repeat(3000)],
    ['recursion', 'function f(x) { return g(x); }\nfunction g(x) { return f(x); }\nf(1);\nconst h = () => h();\nh();\n'],
    ['nested functions', 'function f0() {'.repeat(1) + Array.from({ length: 300 }, (_, i) => `function f${i + 1}() {`).join('\n') + '}'.repeat(301)],
    ['nested templates', 'const x = ' + '`${'.repeat(200) + '1' + '}`'.repeat(200) + ';'],
    ['a long line of concatenations', 'const x = "a"' + ' + "b"'.repeat(20000) + ';\n'],
    ['only quotes', '"'.repeat(10001) + "'".repeat(10001)],
    ['only backticks', '`'.repeat(20001)],
  ])('on %s', (_name, text) => {
    const t0 = Date.now();
    for (const ts of [false, true]) {
      const r = parseJavaScript(text, ts);
      expect(Array.isArray(r.calls)).toBe(true);
      expect(r.warnings.filter((w) => /internal/.test(w.message))).toEqual([]);
      JSON.stringify(r);
    }
    // Not a timing assertion: a loose ceiling that only a runaway evaluation would reach.
    expect(Date.now() - t0).toBeLessThan(30_000);
  });
});


const KEY_SITES: Array<(k: string) => string> = [
  (k) => `import OpenAI from "openai";\nconst client = new OpenAI({ apiKey: "${k}", baseURL: "https://api.deepseek.com" });\nawait client.chat.completions.create({ model: "deepseek-chat", messages: [] });\n`,
  (k) => `import Anthropic from "@anthropic-ai/sdk";\nconst a = new Anthropic({ apiKey: '${k}' });\nawait a.messages.create({ model: "claude-sonnet-4-5", max_tokens: 10, messages: [] });\n`,
  (k) => `await fetch("https://api.groq.com/openai/v1/chat/completions", { method: "POST", headers: { Authorization: \`Bearer ${k}\` }, body: JSON.stringify({ model: "llama" }) });\n`,
  (k) => `process.env.OPENAI_API_KEY = "${k}";\nimport OpenAI from "openai";\nnew OpenAI().chat.completions.create({ model: "gpt-4o", messages: [] });\n`,
  (k) => `import axios from "axios";\nconst api = axios.create({ baseURL: "https://api.together.xyz/v1", headers: { Authorization: "Bearer " + "${k}" } });\napi.post("/chat/completions", { model: "m" });\n`,
  (k) => `// my key: ${k}\nimport OpenAI from "openai";\nnew OpenAI({ baseURL: "https://api.mistral.ai/v1" }).chat.completions.create({ model: "m", messages: [] });\n`,
  (k) => `const KEY = process.env.OPENROUTER_API_KEY ?? "${k}";\nfetch("https://openrouter.ai/api/v1/chat/completions", { method: "POST", headers: { Authorization: "Bearer " + KEY }, body: "{}" });\n`,
  (k) => `import { AzureOpenAI } from "openai";\nnew AzureOpenAI({ endpoint: "https://r.openai.azure.com", apiKey: "${k}", apiVersion: "2024-10-21" }).chat.completions.create({ model: "d", messages: [] });\n`,
  (k) => `import { createOpenAICompatible } from "@ai-sdk/openai-compatible";\nimport { generateText } from "ai";\nconst p = createOpenAICompatible({ name: "x", baseURL: "https://api.fireworks.ai/inference/v1", apiKey: "${k}" });\ngenerateText({ model: p("m"), prompt: "x" });\n`,
  (k) => `export OPENAI_API_KEY=${k}\nimport OpenAI from "openai";\nnew OpenAI().chat.completions.create({ model: "m" });\n`,
  (k) => `const client = new OpenAI({ apiKey: ${k}, baseURL: "https://api.fireworks.ai/inference/v1" });\nclient.chat.completions.create({ model: "m", messages: [] });\n`,
];

describe('warnings never quote a literal from the input', () => {
  const SITES: Array<(v: string) => string> = [
    (v) => `import OpenAI from "openai";\nnew OpenAI({ apiKey: "${v}", baseURL: "https://${v}.test/v1", ${v}: 1 }).chat.completions.create({ model: "${v}", messages: [] });\n`,
    (v) => `fetch(process.env["${v}"], { headers: "${v}", body: JSON.stringify({ "${v}": "${v}" }) });\n`,
    (v) => `const c = new OpenAI({ apiKey: <${v}>, baseURL: ${v} });\nc.chat.completions.create({ model: ${v}, ...${v} });\n`,
    (v) => `new ${v}({ baseUrl: "https://h.test" }).chat.completions.create({ model: "${v}" });\n`,
    (v) => `const c = new OpenAI({ ${v}: "x", baseurl: "https://h.test" });\n${v}.${v}.chat.completions.create({});\n`,
  ];
  it('for values in every argument position', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9]{8,24}$/), fc.constantFrom(...SITES), fc.boolean(), (body, site, ts) => {
        const v = 'v' + body;
        const r = parseJavaScript(site(v), ts);
        expect(JSON.stringify(r.warnings)).not.toContain(v);
      }),
      { numRuns: 200 },
    );
  });
});

describe('no key from the input in any output', () => {
  it.each(KEY_SITES.map((f, i) => [i, f] as const))('key site %i: not in front-end warnings, not in parseExample output', async (_i, site) => {
    for (const shape of ['openai-proj', 'groq', 'anthropic', 'openrouter']) {
      const key = generateKey(shape);
      const text = site(key);
      const fe = parseJavaScript(text, false);
      const warn = JSON.stringify(fe.warnings);
      for (const w of windows(key)) expect(warn).not.toContain(w);
      for (const filename of ['x.js', 'x.ts']) {
        const out = JSON.stringify(await parseExample(text, { filename }));
        for (const w of windows(key)) expect(out, `key window leaked from site ${_i}`).not.toContain(w);
      }
    }
  });
});
