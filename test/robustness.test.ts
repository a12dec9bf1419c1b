// Hostile input never throws: it returns ok:false with a code, or a draft with
// warnings, within bounded work (checked by completing, never by timing).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inspect, parseExample, parseExampleBytes } from '../src/api.js';
import { ErrorCode, ParseExampleOk } from '../src/result.js';

const check = (r: any) => {
  expect(typeof r.ok).toBe('boolean');
  if (r.ok) expect(() => ParseExampleOk.parse(r)).not.toThrow();
  else {
    expect(ErrorCode.options).toContain(r.code);
    expect(r.error).toMatch(/^[A-Z]/);
  }
};

describe('garbage in', () => {
  it('random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), async (b) => check(await parseExampleBytes(b))),
      { numRuns: 200 },
    );
  });
  it('1 MB of text is refused as too large', async () => {
    const r = await parseExample('curl https://x -d ' + 'a'.repeat(1024 * 1024));
    expect(r).toMatchObject({ ok: false, code: 'input_too_large' });
  });
  it.each([
    [`curl https://api.openai.com/v1/chat/completions -d '{"model": "gpt-5"`],
    [`curl "https://api.openai.com/v1/chat/completions -H 'a: b'`],
    [`curl https://api.openai.com/v1/chat/completions -d @- <<EOF\n{"model":"x"}`],
    [`curl`],
    [`curl -H`],
    [`curl --url`],
    [`curl $(`],
    ["curl.exe `"],
    [`curl ^`],
    [`curl https://[::1`],
  ])('half a snippet: %j', async (t) => {
    check(await parseExample(t));
    const i: any = await inspect(t);
    expect(typeof i.ok).toBe('boolean');
  });
  it('random shell-ish text', async () => {
    const tok = fc.constantFrom('curl', ' ', '\n', '-H', '-d', "'", '"', '$X', '${Y', '$(', ')', '\\', '\\\n', '<<EOF', 'EOF', '|', '&&', ';', '--json', '{', '}', ':', 'https://api.x.ai/v1/chat/completions', '"model":', '`', '^', '%K%', '#', '--url', '-u', 'a:b', '@-', '$\'');
    await fc.assert(
      fc.asyncProperty(fc.array(tok, { maxLength: 60 }), async (parts) => {
        const t = parts.join('');
        check(await parseExample(t));
        check(await parseExample(t, { filename: 'x.cmd' }));
        check(await parseExample(t, { filename: 'x.ps1' }));
      }),
      { numRuns: 300 },
    );
  });
  it('deep nesting and long lines stay bounded', async () => {
    check(await parseExample(`curl https://x/chat/completions -d '${'['.repeat(5000)}'`));
    check(await parseExample(`curl https://x/chat/completions -d '${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}'`));
    check(await parseExample('curl ' + '-H a:b '.repeat(20000) + 'https://x'));
  });
});
