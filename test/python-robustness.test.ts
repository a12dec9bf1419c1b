// The Python front-end's guarantees as properties: any text (random
// Python-ish token soup, pathological nesting, exponential-looking code)
// returns without throwing, in bounded time; and no key from the input ever
// reaches a warning, nor, through the whole pipeline, any output. Keys are
// built at run time from random bytes; none is written in this file.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseExample } from '../src/api.js';
import { parsePython } from '../src/python/index.js';
import { generateKey, keyWindows as windows } from './helpers/keys.js';

const TOKENS = [
  'client.chat.completions.create(',
  'client.messages.create(',
  'OpenAI(',
  'Anthropic(',
  'requests.post(',
  'httpx.Client(',
  'completion(',
  'ChatOpenAI(',
  'os.environ[',
  'os.getenv(',
  'json.dumps(',
  'f"',
  "f'",
  '"',
  "'",
  '"""',
  'rb"',
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  '{x}',
  '{{',
  ',',
  ':',
  '=',
  '==',
  '**',
  '*',
  '+',
  '%',
  '.',
  '\n',
  '\n    ',
  '\\\n',
  'def f(a, b=1):',
  'class C:',
  'return',
  'async with',
  'await',
  'lambda x:',
  'for i in',
  'if',
  'else',
  'try:',
  'except:',
  'import openai',
  'from openai import OpenAI',
  'model=',
  'api_key=',
  'base_url=',
  'extra_body=',
  'messages=[...]',
  '"https://h.test/v1"',
  '<YOUR_KEY>',
  'None',
  'True',
  '42',
  '1e309',
  'x',
  'self.x',
  '#',
  '```',
  'export A=b',
  '\u00e9',
];

const soup = fc.array(fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 6 })), { maxLength: 120 }).map((ts) => ts.join(' '));

describe('parsePython never throws and always returns', () => {
  it('on random Python-ish token soup', () => {
    fc.assert(
      fc.property(soup, (text) => {
        const r = parsePython(text);
        expect(Array.isArray(r.calls)).toBe(true);
        expect(Array.isArray(r.warnings)).toBe(true);
        JSON.stringify(r);
      }),
      { numRuns: 400 },
    );
  });

  it('on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const r = parsePython(text);
        expect(Array.isArray(r.calls)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ['deep parentheses', '('.repeat(20000) + 'x' + ')'.repeat(20000)],
    ['deep lists', 'x = ' + '['.repeat(5000) + ']'.repeat(5000)],
    ['deep dicts', 'x = ' + '{"a": '.repeat(3000) + '1' + '}'.repeat(3000)],
    ['unbalanced openers', 'client.chat.completions.create(' + '{"a": ['.repeat(4000)],
    ['doubling strings', 'a = "xy"\n' + 'a = a + a\n'.repeat(3000) + 'requests.post(a, data=a)\n'],
    ['doubling lists and dicts', 'a = [1]\nd = {"k": 1}\n' + 'a = a + a + a\nd = {**d, **d, "z": a}\n'.repeat(2000)],
    ['many calls', 'from openai import OpenAI\nc = OpenAI()\n' + 'c.chat.completions.create(model="m", messages=[])\n'.repeat(3000)],
    ['recursion', 'def f(x):\n    return g(x)\ndef g(x):\n    return f(x)\nf(1)\n' + 'def h():\n    return h()\nh()\n'],
    ['nested functions', Array.from({ length: 300 }, (_, i) => '    '.repeat(i) + `def f${i}():`).join('\n') + '\n' + '    '.repeat(300) + 'pass\n'],
    ['nested f-strings', 'x = ' + 'f"{'.repeat(200) + '1' + '}"'.repeat(200)],
    ['a long line of concatenations', 'x = "a"' + ' + "b"'.repeat(20000) + '\n'],
    ['only quotes', '"'.repeat(10001) + "'".repeat(10001)],
  ])('on %s', (_name, text) => {
    const t0 = Date.now();
    const r = parsePython(text);
    expect(Array.isArray(r.calls)).toBe(true);
    JSON.stringify(r);
    // Not a timing assertion: a loose ceiling that only a runaway evaluation would reach.
    expect(Date.now() - t0).toBeLessThan(20_000);
  });
});

/** A key-shaped secret made now: a vendor-like prefix and random url-safe characters. */


const KEY_SITES: Array<(k: string) => string> = [
  (k) => `from openai import OpenAI\nclient = OpenAI(api_key="${k}", base_url="https://api.deepseek.com")\nclient.chat.completions.create(model="deepseek-chat", messages=[])\n`,
  (k) => `import anthropic\nclient = anthropic.Anthropic(api_key='${k}')\nclient.messages.create(model="claude-sonnet-4-5", max_tokens=10, messages=[])\n`,
  (k) => `import requests\nrequests.post("https://api.groq.com/openai/v1/chat/completions", headers={"Authorization": f"Bearer ${k}"}, json={"model": "llama"})\n`,
  (k) => `import os\nos.environ["OPENAI_API_KEY"] = "${k}"\nfrom openai import OpenAI\nOpenAI().chat.completions.create(model="gpt-4o", messages=[])\n`,
  (k) => `from litellm import completion\ncompletion(model="openai/m", api_base="https://api.together.xyz/v1", api_key="${k}", messages=[])\n`,
  (k) => `from langchain_openai import ChatOpenAI\nChatOpenAI(model="m", api_key="${k}", base_url="https://api.x.ai/v1")\n`,
  (k) => `# my key: ${k}\nfrom openai import OpenAI\nOpenAI(base_url="https://api.mistral.ai/v1").chat.completions.create(model="m", messages=[])\n`,
  (k) => `from openai import OpenAI\nclient = OpenAI(api_key=${k}, base_url="https://api.fireworks.ai/inference/v1")\nclient.chat.completions.create(model="m", messages=[])\n`,
  (k) => `import os\nKEY = os.environ.get("OPENROUTER_API_KEY", "${k}")\nimport requests\nrequests.post("https://openrouter.ai/api/v1/chat/completions", headers={"Authorization": "Bearer " + KEY}, json={"model": "m"})\n`,
  (k) => `from openai import AzureOpenAI\nAzureOpenAI(azure_endpoint="https://r.openai.azure.com", api_key="${k}", api_version="2024-10-21").chat.completions.create(model="d", messages=[])\n`,
];

describe('warnings never quote a literal from the input', () => {
  const SITES: Array<(v: string) => string> = [
    (v) => `from openai import OpenAI\nOpenAI(api_key="${v}", base_url="https://${v}.test/v1").chat.completions.create(model="${v}", messages=[], extra_body="${v}")\n`,
    (v) => `import litellm\nlitellm.completion(model="${v}/m", messages=[], api_key="${v}")\n`,
    (v) => `import os, requests\nrequests.post(os.environ["${v}"], headers="${v}", json={"${v}": "${v}"})\n`,
    (v) => `from openai import AzureOpenAI\nAzureOpenAI(api_key=f"{x}${v}", azure_endpoint=os.getenv("${v}")).chat.completions.create(model="${v}", messages=[...]\n`,
    (v) => `client = OpenAI(api_key=<${v}>, base_url=${v})\nclient.chat.completions.create(model=${v}, **${v})\n`,
    (v) => `from langchain.chat_models import init_chat_model\ninit_chat_model("${v}:m", api_key="${v}")\n`,
  ];
  it('for values in every argument position', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9]{8,24}$/), fc.constantFrom(...SITES), (body, site) => {
        const v = 'v-' + body;
        const r = parsePython(site(v));
        expect(JSON.stringify(r.warnings)).not.toContain(v);
      }),
      { numRuns: 200 },
    );
  });
});

describe('no key from the input in any output', () => {
  it.each(KEY_SITES.map((f, i) => [i, f] as const))('key site %i: not in front-end warnings, not in parseExample output', async (_i, site) => {
    for (const shape of ['openai-proj', 'groq', 'anthropic', 'generic-sk']) {
      const key = generateKey(shape);
      const text = site(key);
      const fe = parsePython(text);
      const warn = JSON.stringify(fe.warnings);
      for (const w of windows(key)) expect(warn).not.toContain(w);
      const out = JSON.stringify(await parseExample(text, { filename: 'x.py' }));
      for (const w of windows(key)) expect(out, `key window leaked from site ${_i}`).not.toContain(w);
    }
  });
});
