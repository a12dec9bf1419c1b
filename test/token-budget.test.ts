// The token budgets of src/intake/limits.ts: Python and JS/TS code with more
// tokens than MAX_TOKENS, and shell text with more words and variable
// references than MAX_SHELL_PIECES, are refused with `input_too_complex`
// (dense runs of short tokens took one to four seconds at the size cap), while
// real code, however long an example gets, is never refused, and what is not
// code (a long string, a comment block, a template's text, a heredoc) costs
// nothing. Also: a curl command's URLs past 100 are not read as calls.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { inspect, parseExample } from '../src/api.js';
import { checkTokens, MAX_SHELL_PIECES, MAX_TOKENS } from '../src/intake/limits.js';
import { listFixtures } from './helpers/fixtures.js';

const PY = 'from openai import OpenAI\nclient = OpenAI()\n';
const PY_CALL = 'client.chat.completions.create(model="gpt-4o", messages=[])\n';
const JS = "import OpenAI from 'openai';\nconst client = new OpenAI();\n";
const JS_CALL = "await client.chat.completions.create({ model: 'gpt-4o', messages: [] });\n";

const refused = (text: string, language: 'python' | 'javascript') => {
  try {
    checkTokens(text, language);
    return false;
  } catch {
    return true;
  }
};

describe('real code is never refused', () => {
  const code = listFixtures().filter((f) => ['py', 'js', 'ts'].includes(f.ext));
  it('there are code fixtures to read', () => expect(code.length).toBeGreaterThan(50));
  // 48 KiB of a doc sample repeated is ten times the longest API example of the fixtures.
  it.each(code.map((f) => [f.rel, f.file, f.ext]))('%s, repeated to 48 KiB', (_, file, ext) => {
    const text = readFileSync(file, 'utf8');
    expect(refused(text.repeat(Math.ceil((48 * 1024) / text.length)), ext === 'py' ? 'python' : 'javascript')).toBe(false);
  });
});

describe('what is not code costs nothing', () => {
  it.each([
    ['a Python string', 'x = "' + 'word '.repeat(40_000) + '"\n', 'python'],
    ['a Python triple-quoted string', 'x = """' + 'word\n'.repeat(40_000) + '"""\n', 'python'],
    ['a Python comment block', '# word word word\n'.repeat(12_000), 'python'],
    ['doubled braces in a Python f-string', 'x = f"' + '{{a}}'.repeat(8_000) + '"\n', 'python'],
    ['braces in a plain Python string', 'x = "' + '{a}'.repeat(8_000) + '"\n', 'python'],
    ["a JavaScript template's text", 'const x = `' + 'word '.repeat(40_000) + '`;\n', 'javascript'],
    ['a JavaScript block comment', '/*' + 'word '.repeat(40_000) + '*/', 'javascript'],
  ] as const)('%s', (_, text, language) => {
    expect(refused(text, language)).toBe(false);
  });
});

describe('code inside strings counts as code', () => {
  it.each([
    ['Python f-string fields', 'x = f"' + '{a}'.repeat(8_000) + '"\n', 'python'],
    ['JavaScript template fields', 'const x = `' + '${a}'.repeat(10_000) + '`;\n', 'javascript'],
    ['code after a nested template', 'const x = `a${`b${c}d`}e` + ' + '1+'.repeat(13_000) + '1;', 'javascript'],
  ] as const)('%s', (_, text, language) => {
    expect(refused(text, language)).toBe(true);
  });
});

describe('the budget is where it says', () => {
  it.each([
    ['python', (n: number) => 'x;'.repeat(n / 2)],
    ['javascript', (n: number) => 'f;'.repeat(n / 2)],
  ] as const)('%s', (language, run) => {
    const max = MAX_TOKENS[language];
    expect(refused(run(max), language)).toBe(false);
    expect(refused(run(max + 2), language)).toBe(true);
  });
});

describe('dense code past the budget is refused cleanly', () => {
  it.each([
    ['Python calls', PY + 'f(),'.repeat(60_000) + '\n' + PY_CALL, 'x.py'],
    ['Python statements', PY + 'x;'.repeat(100_000) + '\n' + PY_CALL, 'x.py'],
    ['Python implicit concatenation', PY + 'm = (' + '"a" '.repeat(60_000) + ')\n' + PY_CALL, 'x.py'],
    ['JavaScript tagged templates', JS + 'const x = [' + '`'.repeat(200_000) + '];\n' + JS_CALL, 'x.js'],
    ['JavaScript calls', JS + 'f();'.repeat(60_000) + '\n' + JS_CALL, 'x.js'],
  ])('%s', async (_, text, filename) => {
    const r = await parseExample(text, { filename });
    expect(r).toMatchObject({ ok: false, code: 'input_too_complex' });
    if (!r.ok) expect(r.error).toMatch(/too long to read as code \(over [\d,]+ tokens\)/);
  });

  it('the same code under the budget is read', async () => {
    const py = await parseExample(PY + 'f(),'.repeat(2_000) + '\n' + PY_CALL, { filename: 'x.py' });
    expect(py.ok && py.draft.upstream_model).toBe('gpt-4o');
    const js = await parseExample(JS + 'f();'.repeat(2_000) + '\n' + JS_CALL, { filename: 'x.js' });
    expect(js.ok && js.draft.upstream_model).toBe('gpt-4o');
  });
});

describe('shell: the word budget', () => {
  const CURL = `curl https://api.openai.com/v1/chat/completions -H "Authorization: Bearer $OPENAI_API_KEY" -d '{"model":"gpt-4o"}'`;
  it.each([
    ['words', (n: number) => 'a '.repeat(n) + '\n' + CURL],
    ['commands', (n: number) => 'x;'.repeat(n) + '\n' + CURL],
    ['variable references', (n: number) => `A=x\ncurl https://api.openai.com/v1/chat/completions -d '{"model":"gpt-4o"}' -H X:${'$A'.repeat(n)}`],
  ])('%s: read under MAX_SHELL_PIECES, refused over it', async (_, make) => {
    const under = await parseExample(make(MAX_SHELL_PIECES - 100));
    expect(under.ok && under.draft.upstream_model).toBe('gpt-4o');
    const over = await parseExample(make(MAX_SHELL_PIECES + 100));
    expect(over).toMatchObject({ ok: false, code: 'input_too_complex' });
    if (!over.ok) expect(over.error).toMatch(/too many shell words/);
  });

  it('a long heredoc body or quoted argument is one piece', async () => {
    const body = JSON.stringify({ model: 'gpt-4o', messages: Array.from({ length: 5_000 }, () => ({ role: 'user', content: 'a b c' })) });
    const heredoc = await parseExample(`curl https://api.openai.com/v1/chat/completions -d @- <<'EOF'\n${body}\nEOF`);
    expect(heredoc.ok && heredoc.draft.upstream_model).toBe('gpt-4o');
    const quoted = await parseExample(`curl https://api.openai.com/v1/chat/completions -d '${body}'`);
    expect(quoted.ok && quoted.draft.upstream_model).toBe('gpt-4o');
  });
});

describe('curl: many URLs in one command', () => {
  it('the first 100 are read as calls, each with the body read once', async () => {
    const urls = Array.from({ length: 150 }, (_, i) => `https://api.example.com/v${i}/chat/completions`).join(' ');
    const r = await inspect(`curl ${urls} -H 'Content-Type: application/json' -d '{"model":"m1",}'`);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.calls).toHaveLength(100);
    expect(r.calls[99].url).toBe('https://api.example.com/v99/chat/completions');
    expect(r.calls.every((c) => (c.body as { model?: string }).model === 'm1')).toBe(true);
    expect(r.warnings.filter((w) => w.code === 'multiple_urls').map((w) => w.message)).toEqual(['The command requests 150 URLs; the first 100 are read as calls.']);
    // The trailing comma is repaired once for the command, not once per URL.
    expect(r.warnings.filter((w) => w.code === 'body_repaired')).toHaveLength(1);
  });
});
