// Linear time on hostile input: every pathological shape of bench/shapes.mjs
// (runs of blank lines, whitespace, CR, quotes, backslashes, `$(`/`${`, `^`,
// fences, comments, keys, deep nesting in each language), generated at the
// 256 KiB cap, must come back without throwing, without an internal error, and
// within a CPU-time bound. The bound (BOUND_MS of CPU, not wall time, so that
// other processes on the machine cannot make it flake) is several times what a
// linear path takes at this size and far below a quadratic one (tens of seconds
// to minutes). Speed itself is measured by `npm run bench`, not here.
// The Python and JS shapes are in test/linear-time-code.test.ts (the two files run in parallel).
import { describe, expect, it } from 'vitest';
import { parseExample } from '../src/api.js';
import { shapeTests } from './helpers/shapes.js';
// @ts-expect-error: a plain .mjs module shared with the bench, without type declarations
import { SHAPES } from '../bench/shapes.mjs';

shapeTests(['intake', 'curl', 'keys']);

it('every shape of bench/shapes.mjs is in a group this file or linear-time-code.test.ts runs', () => {
  const groups = new Set((SHAPES as { group: string }[]).map((s) => s.group));
  expect([...groups].filter((g) => !['intake', 'curl', 'keys', 'python', 'js'].includes(g))).toEqual([]);
});

describe('deep nesting is refused cleanly', () => {
  // Template nesting 40,000 deep aborted the whole process (V8 ran out of memory compiling a
  // regex near the end of the stack inside acorn); Python nesting took seconds.
  it.each([
    ['JS template literals', 'const x = ' + '`${'.repeat(40_000) + '1' + '}`'.repeat(40_000) + ';', 'x.js'],
    ['JS arrays', 'const x = ' + '['.repeat(50_000) + ']'.repeat(50_000) + ';', 'x.js'],
    ['TS object types', 'type T = ' + '{a:'.repeat(30_000) + 'string' + '}'.repeat(30_000) + ';', 'x.ts'],
    ['Python lists', 'x = ' + '['.repeat(50_000) + ']'.repeat(50_000), 'x.py'],
    ['Python f-strings', 'x = ' + 'f"{'.repeat(30_000) + '1' + '}"'.repeat(30_000), 'x.py'],
    // Each unary operator nests a level, with no bracket to count (the parser took over a second).
    ['Python unary operators', 'x = ' + '-'.repeat(100_000) + '1', 'x.py'],
    ['Python unary operators with spaces', 'x = ' + '- + ~ '.repeat(20_000) + '1', 'x.py'],
    // `not` nests like `-` (the parser took 0.6 s at 64 KB, quadratic).
    ['Python not chain', 'x = ' + 'not '.repeat(60_000) + '1', 'x.py'],
    // Postfix operations nest one level each, with no bracket around them (the parser took 0.5-0.7 s).
    ['Python attribute chain', 'x = a' + '.b'.repeat(100_000), 'x.py'],
    ['Python subscript chain', 'x = a' + '[0]'.repeat(60_000), 'x.py'],
    ['Python call chain', 'x = f' + '()'.repeat(100_000), 'x.py'],
    ['Python method chain across lines', 'x = (a' + '\n  .b()'.repeat(30_000) + ')', 'x.py'],
  ])('%s', async (_, text, filename) => {
    const r = await parseExample(text, { filename });
    expect(r).toMatchObject({ ok: false, code: 'input_too_complex' });
  });

  it('nesting an example could have still parses', async () => {
    const deep = '['.repeat(60) + '"hi"' + ']'.repeat(60);
    const py = await parseExample(`from openai import OpenAI\nclient = OpenAI()\nx = ${deep}\nclient.chat.completions.create(model="gpt-4o", messages=[])`, { filename: 'x.py' });
    expect(py.ok && py.draft.upstream_model).toBe('gpt-4o');
    // Long runs of `-` in comments and strings are not operators.
    const rule = '-'.repeat(300);
    // A chain an example could have: methods across lines, attributes of subscripts of calls.
    const chained = await parseExample(`from openai import OpenAI\nclient = (OpenAI()\n  .with_options(timeout=10)${'\n  .with_options(max_retries=2)'.repeat(40)})\nr = client.chat.completions.create(model="gpt-4o", messages=[]).choices[0].message.content.strip().split()[0]`, { filename: 'x.py' });
    expect(chained.ok && chained.draft.upstream_model).toBe('gpt-4o');
    const ruled = await parseExample(`# ${rule}\nfrom openai import OpenAI\nclient = OpenAI()\nsep = "${rule}"\ndoc = '''\n${rule}\n'''\nnotes = not not_ok or nothing\nclient.chat.completions.create(model="gpt-4o", messages=[])`, { filename: 'x.py' });
    expect(ruled.ok && ruled.draft.upstream_model).toBe('gpt-4o');
    const js = await parseExample(`import OpenAI from 'openai';\nconst client = new OpenAI();\nconst x = ${deep};\nawait client.chat.completions.create({ model: 'gpt-4o', messages: [] });`, { filename: 'x.js' });
    expect(js.ok && js.draft.upstream_model).toBe('gpt-4o');
  });
});

describe('shapes that once broke the tokenizer', () => {
  // 200 KB of `${` inside a double-quoted argument, or of cmd `^` inside quotes, ended in an
  // internal RangeError (an argument list too long for push(...)); the request is still read.
  it.each([
    ['${ in a double-quoted argument', 'curl https://api.openai.com/v1/chat/completions -d "' + '${'.repeat(100_000) + '"', undefined],
    ['cmd ^ in quotes', 'curl https://api.openai.com/v1/chat/completions -d "' + '^'.repeat(200_000) + '"', 'x.cmd'],
    ['PowerShell backticks in quotes', 'curl.exe https://api.openai.com/v1/chat/completions -d "' + '`a'.repeat(100_000) + '"', 'x.ps1'],
  ])('%s', async (_, text, filename) => {
    const r = await parseExample(text, { filename });
    expect(r.ok === false ? r.code : 'ok').not.toBe('parse_error');
    if (r.ok) expect(r.draft.base_url).toBe('https://api.openai.com/v1');
  });

  it('blank lines before a curl command still find it', async () => {
    const r = await parseExample('\n'.repeat(200_000) + 'curl https://api.openai.com/v1/chat/completions -d \'{"model":"gpt-4o"}\'');
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.draft.upstream_model).toBe('gpt-4o');
  });

  it('a `$(curl ...)` substitution is still read from its own command', async () => {
    const r = await parseExample('echo $(date) `date` x\nR=$(curl https://api.openai.com/v1/chat/completions -d \'{"model":"gpt-4o"}\')');
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.draft.upstream_model).toBe('gpt-4o');
  });
});
