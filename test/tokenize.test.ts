// The shell tokenizer: lossless round trip (a property), words that keep
// literal and variable parts apart, and the three dialects' quoting rules.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokenize, type Dialect } from '../src/curl/tokenize.js';
import { parseShell } from '../src/curl/index.js';
import { renderWord, type Word } from '../src/call/model.js';

const words = (src: string, d: Dialect = 'shell') => tokenize(src, d).commands.map((c) => c.words.map(show));
/** Literal text as is, references as ${NAME}, unknowns as <?>. */
const show = (w: Word) => renderWord(w);

describe('lossless round trip', () => {
  const pieces = ['curl', ' ', '\n', '\\\n', "'", '"', '$X', '${Y}', '$(cmd)', '`x`', '-H', 'a:b', '#c', ';', '|', '&&', '<<EOF', 'EOF', '^', '`', '%V%', '$env:K', "$'\\n'", '{"m":1}', '<<<', '>', '\r\n', '\t'];
  for (const d of ['shell', 'cmd', 'powershell'] as Dialect[]) {
    it(`joins back to the input byte for byte (${d})`, () => {
      fc.assert(
        fc.property(fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 6 })), { maxLength: 40 }), (parts) => {
          const src = parts.join('');
          const { tokens } = tokenize(src, d);
          expect(tokens.map((t) => t.raw).join('')).toBe(src);
          for (let i = 1; i < tokens.length; i++) expect(tokens[i].start).toBe(tokens[i - 1].end);
        }),
        { numRuns: 400 },
      );
    });
  }
});

describe('bash words', () => {
  it('keeps variables as references and literals as text', () => {
    expect(words(`curl -H "Authorization: Bearer $OPENAI_API_KEY" '$NOT_A_VAR' \${B:-x}`)).toEqual([
      ['curl', '-H', 'Authorization: Bearer ${OPENAI_API_KEY}', '$NOT_A_VAR', '${B}'],
    ]);
    const w = tokenize(`"Bearer $K"`).commands[0].words[0];
    expect(w.parts).toEqual([{ kind: 'lit', text: 'Bearer ' }, { kind: 'env', name: 'K' }]);
  });
  it("reads $'...' with escapes, backslash-newline continuations and comments", () => {
    expect(words(`curl $'a\\nb\\'c' \\\n  -s # trailing comment\n# whole line`)).toEqual([['curl', "a\nb'c", '-s']]);
  });
  it('splits commands on ; && || | and newlines, and marks pipes', () => {
    const t = tokenize(`A=1; echo x | curl u && true || false\nls`);
    expect(t.commands.map((c) => [c.words.map(show).join(' '), c.joinedBy ?? ''])).toEqual([
      ['A=1', ''], ['echo x', ';'], ['curl u', '|'], ['true', '&&'], ['false', '||'], ['ls', ''],
    ]);
  });
  it('gives a quoted heredoc body to the command as literal stdin', () => {
    const t = tokenize(`curl -d @- u <<'EOF'\n{"a": "$X"}\nEOF\necho done`);
    const stdin = t.commands[0].stdin as { word: Word; quoted: boolean };
    expect(show(stdin.word)).toBe('{"a": "$X"}\n');
    expect(stdin.quoted).toBe(true);
    expect(t.commands[1].words.map(show)).toEqual(['echo', 'done']);
  });
  it('expands variables in an unquoted heredoc', () => {
    const t = tokenize(`cat <<EOF\nBearer $K\nEOF`);
    expect(show((t.commands[0].stdin as { word: Word }).word)).toBe('Bearer ${K}\n');
  });
  it('treats a flattened "\\ " between words as a continuation', () => {
    expect(words(`curl https://x \\ --header "a: b" \\ --data '{}'`)).toEqual([['curl', 'https://x', '--header', 'a: b', '--data', '{}']]);
  });
  it('marks command substitutions as unknown and remembers their text', () => {
    const t = tokenize(`r=$(curl -s https://x)`);
    expect(t.commands[0].words[0].parts[1].kind).toBe('unknown');
    expect(t.substitutions).toEqual(['curl -s https://x']);
  });
});

describe('cmd.exe words', () => {
  it('joins ^ continuations, unescapes \\" inside quotes and reads %VAR%', () => {
    expect(words(`curl https://x ^\n  -H "Authorization: Bearer %KEY%" ^\n  -d "{\\"model\\": \\"m\\"}"`, 'cmd')).toEqual([
      ['curl', 'https://x', '-H', 'Authorization: Bearer ${KEY}', '-d', '{"model": "m"}'],
    ]);
  });
  it('treats REM and :: lines as comments and "" as a quote', () => {
    expect(words(`REM hello\n:: hi\ncurl "a""b"`, 'cmd')).toEqual([['curl', 'a"b']]);
  });
});

describe('PowerShell words', () => {
  it('joins backtick continuations and reads $env:X', () => {
    expect(words("curl.exe https://x `\n  -H \"Authorization: Bearer $env:GROQ_API_KEY\" `\n  -d '{\"a\": 1}'", 'powershell')).toEqual([
      ['curl.exe', 'https://x', '-H', 'Authorization: Bearer ${GROQ_API_KEY}', '-d', '{"a": 1}'],
    ]);
  });
  it("doubles quotes inside single quotes and escapes with a backtick", () => {
    expect(words("x 'it''s' \"a`\"b\"", 'powershell')).toEqual([['x', "it's", 'a"b']]);
  });
});

describe('curl arguments', () => {
  const call = (src: string, d: Dialect = 'shell') => parseShell(src, d).calls[0];
  it('reads short clusters, attached values, --no- twins and unambiguous prefixes', () => {
    const c = call(`curl -sSLXPOST -H'a: b' --no-silent --sil https://x/v1/chat/completions -d x=1`);
    expect(c.method).toBe('POST');
    expect(c.headers.map((h) => [h.name, show(h.value)])).toContainEqual(['a', 'b']);
    expect(show(c.url)).toBe('https://x/v1/chat/completions');
  });
  it('--json sets the body and both JSON headers', () => {
    const c = call(`curl --json '{"model":"m"}' https://x`);
    expect(c.method).toBe('POST');
    expect(c.body?.type).toBe('json');
    expect(c.headers.map((h) => h.name)).toEqual(['Content-Type', 'Accept']);
  });
  it('-G moves data into the query; --url-query encodes', () => {
    expect(show(call(`curl -G -d a=1 --url-query 'b=x y' https://x/p`).url)).toBe('https://x/p?b=x+y&a=1');
  });
  it('expands variables the paste assigned and feeds heredocs to -d @-', () => {
    const c = call(`BASE=https://api.x.ai/v1\ncurl $BASE/chat/completions -d @- <<'EOF'\n{"model": "grok-4"}\nEOF`);
    expect(c.url.parts[0]).toMatchObject({ kind: 'env', name: 'BASE' });
    expect(c.body?.type).toBe('json');
  });
  it('feeds echo ... | curl -d @- and finds curl inside $(...)', () => {
    expect(call(`echo '{"model":"m"}' | curl -d @- https://x/chat/completions`).body?.type).toBe('json');
    expect(show(call(`r=$(curl -s https://x/chat/completions -d '{}')`).url)).toBe('https://x/chat/completions');
  });
  it('warns about unknown options instead of failing', () => {
    const r = parseShell(`curl --frobnicate https://x`);
    expect(r.calls).toHaveLength(1);
    expect(r.warnings.map((w) => w.code)).toContain('unknown_option');
  });
});
