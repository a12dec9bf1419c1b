// Linear time on hostile Python and JS/TS input: the `python` and `js` shapes
// of bench/shapes.mjs at the 256 KiB cap and at 40 KiB (see test/linear-time.test.ts, which
// runs the intake, curl and key shapes; the check is test/helpers/shapes.ts).
import { describe, expect, it } from 'vitest';
import { parseExample } from '../src/api.js';
import { shapeTests } from './helpers/shapes.js';

shapeTests(['python', 'js']);
// Under the token budget (src/intake/limits.ts), where the dense shapes are parsed and walked rather than refused.
shapeTests(['python', 'js'], 40 * 1024);

describe('values that share themselves are bounded', () => {
  // `m1 = [m0, m0]`, `m2 = [m1, m1]`, ...: the tree doubles with every line; a 400-byte
  // paste expanded to gigabytes when the value was turned into the request body (the
  // process ran out of memory). Now the shared value is converted once and, past the
  // node bound, is unknown; the rest of the request is still read.
  const lines = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i + 1)).join('\n');
  it.each([
    ['Python lists', 'x.py', `from openai import OpenAI\nclient = OpenAI()\nm0 = ["ab"]\n${lines(40, (i) => `m${i} = [m${i - 1}, m${i - 1}]`)}\nclient.chat.completions.create(model="gpt-4o", messages=m40)`],
    ['Python dicts', 'x.py', `from openai import OpenAI\nclient = OpenAI()\nm0 = {"a": 1}\n${lines(40, (i) => `m${i} = {"a": m${i - 1}, "b": m${i - 1}}`)}\nclient.chat.completions.create(model="gpt-4o", messages=[], extra_body=m40)`],
    ['Python json.dumps', 'x.py', `import requests\nm0 = ["ab"]\n${lines(40, (i) => `m${i} = [m${i - 1}, m${i - 1}]`)}\nrequests.post("https://api.openai.com/v1/chat/completions", data=json.dumps({"model": "gpt-4o", "m": m40}))`],
    ['JS arrays', 'x.js', `import OpenAI from 'openai';\nconst client = new OpenAI();\nconst m0 = ['ab'];\n${lines(40, (i) => `const m${i} = [m${i - 1}, m${i - 1}];`)}\nawait client.chat.completions.create({ model: 'gpt-4o', messages: m40 });`],
    ['JS spreads', 'x.js', `import OpenAI from 'openai';\nconst client = new OpenAI();\nconst m0 = { a: 1 };\n${lines(40, (i) => `const m${i} = { ...m${i - 1}, k: m${i - 1}, j: m${i - 1} };`)}\nawait client.chat.completions.create({ model: 'gpt-4o', messages: [], extra: m40 });`],
    ['JS array text', 'x.js', `const m0 = ['ab'];\n${lines(40, (i) => `const m${i} = [m${i - 1}, m${i - 1}];`)}\nawait fetch('https://api.openai.com/v1/chat/completions', { method: 'POST', headers: { 'X-A': \`\${m40}\` }, body: JSON.stringify({ model: 'gpt-4o' }) });`],
    // JSON-encoding JSON text escapes its quotes: the text doubles per level (a billion characters at 30).
    ['JS JSON.stringify nesting', 'x.js', `import OpenAI from 'openai';\nconst client = new OpenAI();\nconst m = ${'JSON.stringify('.repeat(60)}'a'${')'.repeat(60)};\nawait client.chat.completions.create({ model: 'gpt-4o', messages: [], extra: m });`],
    ['Python json.dumps nesting', 'x.py', `import json\nfrom openai import OpenAI\nclient = OpenAI()\nm = ${'json.dumps('.repeat(60)}"a"${')'.repeat(60)}\nclient.chat.completions.create(model="gpt-4o", messages=[], extra_body={"m": m})`],
    ['Python json.dumps chain', 'x.py', `import json\nfrom openai import OpenAI\nclient = OpenAI()\nm0 = "a"\n${lines(60, (i) => `m${i} = json.dumps([m${i - 1}, m${i - 1}])`)}\nclient.chat.completions.create(model="gpt-4o", messages=[], extra_body={"m": m60})`],
  ])('%s', async (_, filename, text) => {
    const r = await parseExample(text, { filename });
    expect(r.ok && r.draft.upstream_model).toBe('gpt-4o');
  });
});

describe('syntax errors past the bound', () => {
  // The parser recovers from each syntax error at up to 0.1 ms: 256 KiB of `)]}` took 8 s.
  // Past 1,000 recoveries it stops; what came before is read, and the warning says where it stopped.
  it('a call before the garbage is read; the warning names the line reading stopped at', async () => {
    // 3,000 lines: past 1,000 recoveries, under the token budget (src/intake/limits.ts).
    const text = `from openai import OpenAI\nclient = OpenAI()\nclient.chat.completions.create(model="gpt-4o", messages=[])\n${')]}\n'.repeat(3_000)}`;
    const r = await parseExample(text, { filename: 'x.py' });
    expect(r.ok && r.draft.upstream_model).toBe('gpt-4o');
    const w = r.ok ? r.warnings.find((x) => x.message.includes('too many syntax errors')) : undefined;
    expect(w?.line).toBeGreaterThan(3);
    expect(w?.line).toBeLessThan(3_000);
  });

  it('a few syntax errors are read around as before', async () => {
    const text = `from openai import OpenAI\nclient = OpenAI()\n${')\n'.repeat(50)}client.chat.completions.create(model="gpt-4o", messages=[])\n`;
    const r = await parseExample(text, { filename: 'x.py' });
    expect(r.ok && r.draft.upstream_model).toBe('gpt-4o');
    expect(r.ok && r.warnings.some((x) => x.message.includes('too many syntax errors'))).toBe(false);
  });
});
