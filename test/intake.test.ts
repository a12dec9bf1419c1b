// Intake: cleaning pasted text and refusing what is not an API example.
import { describe, expect, it } from 'vitest';
import { intake, sniff } from '../src/intake/index.js';

const clean = (s: string, f?: string) => {
  const r = intake(s, f);
  if ('ok' in r) throw new Error(r.error);
  return r;
};

describe('refusals', () => {
  it.each([
    ['', 'empty_input'],
    ['   \n\t ', 'empty_input'],
    ['```\n```', 'empty_input'],
    ['https://api.deepseek.com/chat/completions', 'not_an_api_example'],
    ['Our API is great. Sign up for a key on the dashboard, then read the quickstart.', 'not_an_api_example'],
    ['x'.repeat(300 * 1024), 'input_too_large'],
    ['\u0000\u0001\u0002binary', 'binary_input'],
  ])('%j -> %s', (input, code) => {
    const r = intake(input);
    expect('ok' in r && r.code).toBe(code);
    expect('ok' in r && r.error.split('. ').length).toBeLessThanOrEqual(2);
  });
});

describe('cleaning', () => {
  it('keeps the code of a fenced block and drops prose around it', () => {
    const r = clean('Call it like this:\n```bash\ncurl https://x -d "{}"\n```\nThat is all.');
    expect(r.text.trim()).toBe('curl https://x -d "{}"');
    expect(r.language).toBe('shell');
  });
  it('keeps blocks in the language of the first request when a page shows several', () => {
    const r = clean('```python\nfrom openai import OpenAI\nclient = OpenAI()\nclient.chat.completions.create(model="m")\n```\n```bash\ncurl https://x\n```');
    expect(r.language).toBe('python');
    expect(r.text).not.toContain('curl');
  });
  it('reads a lone closing fence as the end of the code', () => {
    expect(clean('curl https://x -d "{}"\n```').text).toContain('curl');
  });
  it('strips $ and PS> prompts, > continuations, REPL prompts and IPython !', () => {
    expect(clean('$ curl https://x \\\n> -d a').text).toBe('curl https://x \\\n-d a');
    expect(clean('PS C:\\Users\\me> curl.exe https://x').text).toBe('curl.exe https://x');
    expect(clean('>>> import os\n>>> client = OpenAI()\n... ').text).toBe('import os\nclient = OpenAI()\n');
    expect(clean('!curl https://x -d "{}"').text).toBe('curl https://x -d "{}"');
    expect(clean('C:\\Users\\me> curl https://x ^\n  -d "{}"').text).toBe('curl https://x ^\n  -d "{}"');
    expect(clean('C:\\>curl https://x').text).toBe('curl https://x');
    expect(clean('% curl https://x').text).toBe('curl https://x');
  });
  it('carries `export X=...` from a dropped shell block into the Python block it sets up', () => {
    const paste = '```bash\nexport ANTHROPIC_BASE_URL=https://api.minimax.io/anthropic\n```\n\nThen:\n```python\nimport anthropic\nclient = anthropic.Anthropic()\nclient.messages.create(model="m", max_tokens=1, messages=[])\n```';
    const r = clean(paste);
    expect(r.language).toBe('python');
    expect(r.text).toContain('os.environ["ANTHROPIC_BASE_URL"] = "https://api.minimax.io/anthropic"');
    expect(r.text.split('\n').length).toBe(paste.split('\n').length); // lines keep their numbers
  });
  it('carries at most 100 exports (each carried line is longer than its export: 256 KiB of them became 1 MB of code)', () => {
    const exports = Array.from({ length: 300 }, (_, i) => `export V${i}=x`).join('\n');
    const r = clean('```bash\n' + exports + '\n```\n```python\nimport anthropic\nclient = anthropic.Anthropic()\nclient.messages.create(model="m", max_tokens=1, messages=[])\n```');
    expect(r.text).toContain('os.environ["V99"] = "x"');
    expect(r.text).not.toContain('os.environ["V100"]');
  });
  it('keeps the code before a lone closing fence when prose follows it', () => {
    const r = clean('client = OpenAI(base_url="https://x/v1")\nclient.chat.completions.create(model="m")\n```\n\n<SectionTab>Next</SectionTab>');
    expect(r.text).toContain('client.chat.completions.create');
    expect(r.text).not.toContain('SectionTab');
  });
  it('reads an IPython !curl cell as shell, with the cell\'s string variables', () => {
    const r = clean('MODEL_ID = "gemini-2.5-flash" # @param\n\n!curl "https://x/models/${MODEL_ID}:generateContent" \\\n  -d \'{}\'');
    expect(r.language).toBe('shell');
    expect(r.text).toBe("MODEL_ID='gemini-2.5-flash'\n\ncurl \"https://x/models/${MODEL_ID}:generateContent\" \\\n  -d '{}'");
  });
  it('keeps the + side of a diff', () => {
    const r = clean('- curl https://old/v1/messages \\\n+ curl http://localhost:1234/v1/messages \\\n   -d "{}"');
    expect(r.text).toContain('localhost:1234');
    expect(r.text).not.toContain('old');
  });
  it('removes line numbers glued to the code when every line carries the next one', () => {
    expect(clean('1from openai import OpenAI\n2\n3client = OpenAI()').text).toBe('from openai import OpenAI\n\nclient = OpenAI()');
    expect(clean('12 + x\nimport os\nprint(1)').text).toBe('12 + x\nimport os\nprint(1)');
  });
  it('removes pasted line numbers', () => {
    expect(clean('1  import os\n2  from openai import OpenAI\n3  client = OpenAI()').text).toBe('import os\nfrom openai import OpenAI\nclient = OpenAI()');
  });
  it('turns smart quotes from web pages into ASCII', () => {
    expect(clean('curl https://x -H \u201cA: b\u201d').text).toBe('curl https://x -H "A: b"');
  });

  it('removes zero-width spaces and word joiners, with a note, and keeps the joiners that shape text', () => {
    const r = clean('curl https://api.\u200bexample.com/v1 -d \'{"model":"m\u2060-1","x":"\ufeffa\u200d\u200cb"}\'');
    expect(r.text).toBe('curl https://api.example.com/v1 -d \'{"model":"m-1","x":"a\u200d\u200cb"}\'');
    expect(r.notes).toContain('Zero-width spaces (a web page paste) were removed.');
    expect(clean('curl https://x').notes).toEqual([]);
  });
});

describe('language sniffing', () => {
  it.each([
    ['curl https://x -H "Authorization: Bearer $K"', 'shell'],
    ['curl https://x ^\n -H "A: %K%"', 'cmd'],
    ['curl.exe https://x `\n -H "A: $env:K"', 'powershell'],
    ['from openai import OpenAI\nclient = OpenAI()', 'python'],
    ['import OpenAI from "openai";\nconst client = new OpenAI();', 'javascript'],
    ['const r: Response = await fetch(url);\ninterface X { a: string }', 'typescript'],
    ['import requests\nrequests.post(url, json=payload)', 'python'],
  ])('%j is %s', (text, lang) => {
    expect(sniff(text)).toBe(lang);
  });
  it('does not take URL escapes such as %5B for cmd variables', () => {
    expect(sniff("curl 'http://x/?a%5Bb%5D=1'")).toBe('shell');
  });
});
