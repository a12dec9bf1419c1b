// The per-parse fast paths (issue 13: per-sample speed) give the answers of the
// slow paths they replace: each is held against the plain version here.
import { describe, expect, it } from 'vitest';
import { hostInfo, literalAfterBase, matchEndpoint } from '../src/extract/knowledge.js';
import endpointsData from '../src/generated/endpoints.js';
import { plainUrl } from '../src/hosts.js';
import hostsData from '../src/generated/hosts.js';
import { SHAPES, matchShape, entropy } from '../src/secrets/shapes.js';
import { runsIn } from '../src/secrets/scan.js';
import { parseExample } from '../src/api.js';
import { generateKey } from './helpers/keys.js';
import { SHAPE_IDS } from './helpers/key-gen.mjs';
import { tokenize } from '../src/curl/tokenize.js';
import { mergeLits, lit, valueToJson, type Part } from '../src/call/model.js';
import { parseJsonWord } from '../src/call/json-words.js';
import { chooseRule } from '../src/extract/thinking.js';
import thinkingData from '../src/generated/thinking.js';
import placeholderData from '../src/generated/placeholders.js';
import { hasScheme, isUpperName, lowerCaseRegExp, refersToGroups } from '../src/text.js';
import fc from 'fast-check';
import { intake, sniff, type Language } from '../src/intake/index.js';

/** hostInfo as it was: every entry's regex tested in table order. */
function plainHostInfo(host: string) {
  const m = /^(.*?)(?::(\d+))?$/.exec(host.toLowerCase())!;
  const name = m[1].replace(/^\[|\]$/g, '');
  const port = m[2] ? Number(m[2]) : undefined;
  return hostsData.hosts.find((x) => new RegExp(`^(?:${x.host})$`, 'i').test(name) && (x.port === undefined || x.port === port)) ?? null;
}

describe('hostInfo: literal names from a map, patterns in order', () => {
  const literal = hostsData.hosts.map((h) => h.host.replace(/\\\./g, '.')).filter((h) => /^[a-z0-9.-]+$/.test(h));
  const hosts = [
    ...literal,
    ...literal.map((h) => h.toUpperCase()),
    ...literal.map((h) => `${h}:443`),
    ...literal.map((h) => `x.${h}`),
    'localhost', 'localhost:11434', 'localhost:1234', 'localhost:9999', '127.0.0.1:8000', '0.0.0.0:30000', 'host.docker.internal:11434',
    'eu.api.x.ai', 'myres.openai.azure.com', 'us-central1-aiplatform.googleapis.com', 'aiplatform.googleapis.com',
    'bedrock-runtime.us-east-1.amazonaws.com', 'api.studio.nebius.ai', 'withmartian.com', 'api.withmartian.com',
    '[::1]:8000', 'example.com', '', 'API.OPENAI.COM:8443',
    // The port is read by string calls now: the forms where the old pattern's lazy prefix decides.
    'localhost:', 'a:1:2', '::1', '[::1]', '[', ']', '[]', 'localhost:0x1f', 'localhost:11434:', 'LOCALHOST:011434', '[fd00::1]:11434',
  ];
  it('gives the entry the plain first-match scan gives, for every data host and variants', () => {
    expect(literal.length).toBeGreaterThan(20);
    // The same entry: its position in the table (entries differ by host pattern or port).
    const at = (x: any) => (x ? hostsData.hosts.findIndex((y) => y.host === x.host && y.port === x.port) : -1);
    for (const h of hosts) expect(at(hostInfo(h)), h).toBe(at(plainHostInfo(h)));
    expect(hosts.filter((h) => at(plainHostInfo(h)) >= 0).length).toBeGreaterThan(60);
  });
});

describe('matchShape: the literal prefix test before the pattern', () => {
  /** matchShape as it was: every anchored pattern tried. */
  const plain = (v: string) => {
    for (const s of SHAPES) {
      if (!s.anchored.test(v)) continue;
      if (entropy(s.prefix ? v.slice(s.prefix.length) : v) >= s.minEntropy) return s;
    }
    return null;
  };
  it('gives the same shape for generated keys of every shape, cut and altered', () => {
    let n = 0;
    for (const id of SHAPE_IDS)
      for (let k = 0; k < 5; k++) {
        const key = generateKey(id);
        for (const v of [key, key.slice(1), key.slice(0, -1), key.toUpperCase(), 'x' + key, key + 'x']) {
          expect(matchShape(v)).toBe(plain(v));
          n++;
        }
      }
    expect(n).toBeGreaterThan(100);
  });
});

describe('tokenizer: plain runs read as one slice', () => {
  it('words keep their parts: literal runs merged, references and unknowns in place', () => {
    const { commands } = tokenize(`curl https://a.example/v1?x=1 -H "Authorization: Bearer $KEY" -d "{\\"m\\": \\"$(date)\\"}" a\\ b`);
    const words = commands[0].words.map((w) => w.parts);
    expect(words[1]).toEqual([lit('https://a.example/v1?x=1')]);
    expect(words[3]).toEqual([lit('Authorization: Bearer '), { kind: 'env', name: 'KEY' }]);
    expect(words[5]).toEqual([lit('{"m": "'), { kind: 'unknown', text: '$(date)' }, lit('"}')]);
    expect(words[6]).toEqual([lit('a b')]);
  });
  it('cmd and PowerShell words too', () => {
    expect(tokenize('curl https://a.example/v1 -H "x-api-key: %KEY%" ^\n -d "{}"', 'cmd').commands[0].words.map((w) => w.parts)).toEqual([
      [lit('curl')], [lit('https://a.example/v1')], [lit('-H')], [lit('x-api-key: '), { kind: 'env', name: 'KEY' }], [lit('-d')], [lit('{}')],
    ]);
    expect(tokenize('curl.exe https://a.example/v1 -H "Authorization: Bearer $env:KEY" -d `"x`"', 'powershell').commands[0].words.map((w) => w.parts)).toEqual([
      [lit('curl.exe')], [lit('https://a.example/v1')], [lit('-H')], [lit('Authorization: Bearer '), { kind: 'env', name: 'KEY' }], [lit('-d')], [lit('"x"')],
    ]);
  });
});

describe('mergeLits', () => {
  it('joins each run of literal parts, drops empty ones, keeps a lone part as it is', () => {
    const e: Part = { kind: 'env', name: 'X' };
    const lone = lit('c');
    const out = mergeLits([lit('a'), lit(''), lit('b'), e, lone, lit(''), e, lit('d'), lit('e')]);
    expect(out).toEqual([lit('ab'), e, lit('c'), e, lit('de')]);
    expect(out[2]).toBe(lone);
  });
});

describe('the /think switch in messages', () => {
  const paste = (content: unknown) => `curl https://api.example.com/v1/chat/completions -H "Authorization: Bearer $EXAMPLE_KEY" -d '${JSON.stringify({ model: 'm', messages: [{ role: 'user', content }] })}'`;
  const warned = async (content: unknown) => ((await parseExample(paste(content))) as any).warnings.some((w: any) => w.code === 'prompt_thinking_switch');
  it('is found in a string at any depth, and not inside a longer word', async () => {
    expect(await warned('hello /no_think')).toBe(true);
    expect(await warned([{ type: 'text', text: '/think please' }])).toBe(true);
    expect(await warned('see /thinking mode')).toBe(false);
    expect(await warned('no switch here')).toBe(false);
  });
});

describe('chooseRule: model-specific rules skipped when no model pattern matches', () => {
  const rx = (list: readonly string[] | undefined) => (list ?? []).map((p) => new RegExp(`^(?:${p})$`, 'i'));
  const rules = thinkingData.rules.map((r) => ({ ...r, hostRe: rx(r.hosts), modelRe: rx(r.models) }));
  /** chooseRule as it was: every rule's patterns tried in order. */
  const plain = (opts: { host: string | null; hostRule: string | null; model: string | null; wire: string; paths: string[] }) => {
    const host = (opts.host ?? '').toLowerCase();
    const model = opts.model ?? '';
    const wireOk = (r: (typeof rules)[number]) => r.wire === 'any' || r.wire === opts.wire;
    for (const r of rules) {
      if (!r.modelRe.length || !model || !wireOk(r)) continue;
      if (r.hostRe.length && !r.hostRe.some((re) => re.test(host))) continue;
      if (r.modelRe.some((re) => re.test(model))) return r.id;
    }
    if (opts.hostRule) {
      const r = rules.find((x) => x.id === opts.hostRule && wireOk(x));
      if (r) return r.id;
    }
    let best: { id: string; n: number; f: number } | null = null;
    for (const r of rules) {
      if (r.fallback === undefined || !wireOk(r)) continue;
      const n = (r.fields ?? []).filter((f) => opts.paths.includes(f)).length;
      if (n && (!best || n > best.n || (n === best.n && r.fallback < best.f))) best = { id: r.id, n, f: r.fallback };
    }
    if (best) return best.id;
    if (model && rx(thinkingData.always_on_models).some((re) => re.test(model))) return 'always_on';
    return 'none';
  };
  it('picks the rule the plain scan picks, for models, hosts, wires and fields of the data', () => {
    const models = ['', 'gpt-4o', 'claude-sonnet-4-6', 'claude-opus-4-1', 'CLAUDE-SONNET-4-5', 'deepseek-reasoner', 'deepseek-chat', 'qwen3-32b', 'Qwen/QwQ-32B', 'o3-mini', 'gpt-5', 'glm-4.6', 'kimi-k2-thinking', 'gemini-2.5-pro', 'gpt-oss-120b', 'llama-3.3-70b'];
    const hosts = [null, ...thinkingData.rules.flatMap((r) => r.hosts ?? []).map((h) => h.replace(/\\\./g, '.').replace(/[^a-z0-9.-]/gi, 'x'))];
    const fieldSets = [[], ...thinkingData.rules.map((r) => (r.fields ?? []).slice(0, 2))];
    let n = 0;
    for (const model of models)
      for (const host of hosts.slice(0, 12))
        for (const wire of ['openai', 'anthropic'])
          for (const paths of fieldSets.slice(0, 10)) {
            const opts = { host, hostRule: null, model, wire, paths };
            expect(chooseRule(opts).id, JSON.stringify(opts)).toBe(plain(opts));
            n++;
          }
    expect(n).toBeGreaterThan(1000);
  });
});

describe('parseJsonWord: a body with repair marks is repaired before the strict parse', () => {
  const parse = (text: string) => {
    const r = parseJsonWord({ parts: [lit(text)] });
    return r && { value: valueToJson(r.value), repaired: r.repaired };
  };
  it('strict JSON is read as is, marks inside strings included', () => {
    expect(parse('{"u": "https://x//y", "s": "a...b, ]", "t": "x: string"}')).toEqual({ value: { u: 'https://x//y', s: 'a...b, ]', t: 'x: string' }, repaired: [] });
  });
  it('comments, elisions, trailing commas and type names are repaired and reported', () => {
    expect(parse('{"a": 1, // note\n "b": [1, 2,], "c": [...], "n": integer}')).toEqual({
      value: { a: 1, b: [1, 2], c: [], n: null },
      repaired: ['comments or "..." elisions', 'type names written as values (left unset)', 'trailing commas'],
    });
  });
  it('marks are repaired only outside strings, across escaped quotes and backslashes (runs passed by sticky patterns)', () => {
    // Strings that hold every trigger of every pass (`"`-escapes, `\\`, `//`, `...`, `…`, `:`, `,`, `]`, `{`, `@`).
    const str = fc.constantFrom('a//b', 'x, ]', 'say \\"hi\\", ok', 'a \\" , ] b', '\\" // x', '\\" ..., [,', 'back\\\\', 'back\\\\", ]', '…', '...', 'k: integer', '{,', '@@BYOK0@@', 'plain');
    const leaf = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), str);
    const value = fc.letrec((tie) => ({
      v: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('v'), { maxLength: 4 }), fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), tie('v'), { maxKeys: 3 })),
    })).v;
    // Marks a docs page adds outside strings: a comment line after a comma, a trailing comma, an elided item.
    // Each is chosen on the JSON text (never inside a string) and they go in from the end, so none lands in another.
    const mark = (json: string, at: number, kind: number): string | null => {
      const t = json.slice(0, at);
      const inString = (t.match(/(?<!\\)(?:\\\\)*"/g) ?? []).length % 2 === 1;
      if (inString) return null;
      const c = json[at - 1];
      if (kind === 0 && c === ',') return ' // note, "quoted" ]\n';
      if (kind === 1 && (json[at] === ']' || json[at] === '}') && c !== '[' && c !== '{' && c !== ',') return ',';
      if (kind === 2 && c === '[') return '..., ';
      return null;
    };
    fc.assert(
      fc.property(value, fc.array(fc.tuple(fc.nat(), fc.nat(2)), { maxLength: 6 }), (v, marks) => {
        const json = JSON.stringify({ root: v });
        const inserts = new Map<number, string>();
        for (const [n, kind] of marks) {
          const at = 1 + (n % (json.length - 1));
          const m = mark(json, at, kind);
          if (m !== null && !inserts.has(at)) inserts.set(at, m);
        }
        let text = json;
        for (const at of [...inserts.keys()].sort((a, b) => b - a)) text = text.slice(0, at) + inserts.get(at) + text.slice(at);
        const r = parse(text.replace(/"@@BYOK0@@"/g, '"x"'));
        expect(r?.value).toEqual(JSON.parse(JSON.stringify({ root: v }).replace(/"@@BYOK0@@"/g, '"x"')));
      }),
      { numRuns: 400 },
    );
  });
  it('text that no repair makes JSON is no JSON, with or without marks', () => {
    expect(parse('{"a": // note\n }')).toBeNull();
    expect(parse('{"a": "//", b}')).toBeNull();
    expect(parse('{"a": 1')).toBeNull();
  });
});

describe('runsIn: every 4th character tested, the same runs as a regex finds', () => {
  const member = (c: number) => (c >= 48 && c <= 57) || (c >= 97 && c <= 102);
  /** The runs as a global regex finds them: maximal, 4 or more, in order. */
  const plain = (text: string) => {
    const out: number[] = [];
    for (const m of text.matchAll(/[0-9a-f]{4,}/g)) out.push(m.index!, m.index! + m[0].length);
    return out;
  };
  it('on random text of class and other characters, at every length and offset', () => {
    // A seeded generator: the same cases each run.
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const chars = 'abcdef0123456789xyzXYZ -_"\n';
    let withRuns = 0;
    for (let n = 0; n < 3000; n++) {
      let s = '';
      const len = next(60);
      // Long stretches of class characters sometimes, so runs of every length occur.
      for (let i = 0; i < len; i++) s += next(3) ? chars[next(16)] : chars[next(chars.length)];
      const expected = plain(s);
      if (expected.length) withRuns++;
      expect(runsIn(s, member), JSON.stringify(s)).toEqual(expected);
    }
    expect(withRuns).toBeGreaterThan(1000);
    for (const s of ['', 'abc', 'abcd', 'xabcd', 'abcdx', 'ab cd', 'abcdefabcdef', 'xxxabcxxxxabcdxxx', 'a'.repeat(7) + 'x' + 'b'.repeat(3)])
      expect(runsIn(s, member), s).toEqual(plain(s));
  });
});

describe('lowerCaseRegExp: a pattern without the i flag, on lower-cased text, matches as the i flag did', () => {
  const patterns = [
    ...hostsData.hosts.map((h) => `^(?:${h.host})$`),
    ...thinkingData.rules.flatMap((r) => [...(r.hosts ?? []), ...(r.models ?? [])]).map((p) => `^(?:${p})$`),
    ...thinkingData.always_on_models.map((p) => `^(?:${p})$`),
    placeholderData.credential_names.any,
    placeholderData.credential_names.query,
    '^[A-Z]+-x$', // an upper-case letter: keeps the i flag
  ];
  // Texts the patterns are about, in every case, and random ones.
  const words = [
    ...hostsData.hosts.map((h) => h.host.replace(/\\\./g, '.').replace(/[^a-z0-9.-]/g, 'a')),
    ...thinkingData.rules.flatMap((r) => r.models ?? []).map((m) => m.replace(/\\\./g, '.').replace(/[^a-z0-9.-]/gi, '')),
    'claude-opus-4-6', 'claude-3-7-sonnet-latest', 'deepseek-reasoner', 'DeepSeek-Reasoner', 'grok-4-fast-non-reasoning', 'QwQ-32B', 'api_key', 'X-Api-Key',
    'Authorization', 'AUTH', 'x-goog-api-key', 'session_id', 'K\u212aY', '\u0131d', 'Stra\u00dfe', 'ACCESS_TOKEN',
  ];
  const variants = (w: string) => [w, w.toUpperCase(), w.replace(/(.)(.)/g, (_m, a: string, b: string) => a.toUpperCase() + b), `x${w}`, `${w}:443`];
  it('over the data patterns and texts in every case', () => {
    let matched = 0;
    for (const p of patterns) {
      const plain = new RegExp(p, 'i');
      const fast = lowerCaseRegExp(p);
      for (const w of words)
        for (const v of variants(w)) {
          const want = plain.test(v);
          expect(fast.test(v.toLowerCase()), `${p} on ${v}`).toBe(want);
          if (want) matched++;
        }
    }
    expect(matched).toBeGreaterThan(200);
    expect(lowerCaseRegExp('^[A-Z]+-x$').flags).toBe('i');
    expect(lowerCaseRegExp('^api\\.x\\.ai$').flags).toBe('');
  });
  it('and on random text', () => {
    const cred = new RegExp(placeholderData.credential_names.any, 'i');
    const fast = lowerCaseRegExp(placeholderData.credential_names.any);
    fc.assert(fc.property(fc.string({ maxLength: 24 }), (s) => fast.test(s.toLowerCase()) === cred.test(s)), { numRuns: 2000, seed: 7 });
  });
});

describe('refersToGroups', () => {
  it('finds references and named groups, not escaped backslashes or lookbehinds', () => {
    expect(['(a)\\1', '(?<n>a)', '\\k<n>', 'x(?<y>z)'].map(refersToGroups)).toEqual([true, true, true, true]);
    expect(['a\\.b', '(?<=a)b', '(?<!a)b', '\\\\1', '[1-9]', '(?:a)'].map(refersToGroups)).toEqual([false, false, false, false, false, false]);
  });
});

describe('intake and sniff: one test for a paste no cleaning step or other-language signal applies to', () => {
  // Lines of every kind each step looks for, and plain curl lines.
  const line = fc.constantFrom(
    'curl https://api.example.com/v1/chat/completions \\', '  -H "Authorization: Bearer $KEY" \\', "-d '{\"model\": \"m\", \"x\": [1, 2]}'",
    'curl -s https://x.example/v1/messages', '$ curl https://x.example/v1 -d @-', 'PS> Invoke-RestMethod -Uri https://x.example', 'PS C:\\> curl.exe https://x',
    '1  curl https://a.example', '02 | -H "a: b"', '3curl x', '```bash', '```', '~~~', 'In [1]: !curl https://x', 'Out[1]: 200', '   ...: -d x',
    '>>> import requests', '... more', '+ curl new', '- curl old', '+', 'Copy', 'Example request', 'This sends a request to the API.',
    '# comment', '// comment', 'REM note', ':: note', 'set KEY=abc', '@echo off', 'echo %KEY%', 'curl https://x ^', 'curl https://x `',
    '$env:KEY = "x"', 'fetch("https://x")', 'axios.post("https://x")', 'const x = 1;', 'import os', 'from openai import OpenAI', 'print("x")',
    'user@host:~$ curl https://x', 'C:\\> curl https://x', '!curl https://x', '%%bash', 'x = requests.post(url, json=body)', 'ConvertTo-Json',
    '“smart” quotes', 'a\u00a0b', 'zero\u200bwidth', 'ctl\u0001x', 'bad\ufffd', '\ufeffcurl https://x', '', '   ', '\t', 'http POST x', 'wget x',
  );
  const paste = fc.tuple(fc.array(line, { minLength: 1, maxLength: 8 }), fc.constantFrom('\n', '\r\n'));
  const filename = fc.constantFrom(undefined, 'x.sh', 'x.py', 'x.js', 'x.ts', 'x.ps1', 'x.cmd', 'x.txt', 'x.ipynb');
  it('intake gives what the full sequence of steps gives', () => {
    fc.assert(
      fc.property(paste, filename, ([lines, nl], f) => {
        const text = lines.join(nl);
        expect(intake(text, f)).toEqual(intake(text, f, false));
      }),
      { numRuns: 3000 },
    );
  });
  it('sniff gives what the full order of signals gives', () => {
    const hint = fc.constantFrom<Language | undefined>(undefined, 'shell', 'cmd', 'powershell', 'python', 'javascript', 'typescript');
    fc.assert(
      fc.property(paste, hint, ([lines, nl], h) => {
        const text = lines.join(nl);
        expect(sniff(text, h)).toBe(sniff(text, h, false));
      }),
      { numRuns: 3000 },
    );
  });
  it('a plain curl paste takes the one-test path (and the full path agrees)', () => {
    const text = 'curl https://api.example.com/v1/chat/completions \\\n  -H "Authorization: Bearer $KEY" \\\n  -d \'{"model": "m"}\'';
    expect(intake(text, 'x.sh')).toEqual({ text, language: 'shell', notes: [] });
    expect(intake(text, 'x.sh', false)).toEqual({ text, language: 'shell', notes: [] });
  });
});

describe('character tests that replace a pattern (text.ts)', () => {
  const chars = fc.constantFrom(...'aZz09_+.-:/@[`{ \u017f\u212aKİ'.split(''));
  const word = fc.array(chars, { maxLength: 12 }).map((a) => a.join(''));
  it('isUpperName is ^[A-Z][A-Z0-9_]*$', () => {
    fc.assert(fc.property(fc.oneof(word, fc.string()), (s) => {
      expect(isUpperName(s)).toBe(/^[A-Z][A-Z0-9_]*$/.test(s));
    }), { numRuns: 3000 });
    expect(isUpperName('OPENAI_API_KEY')).toBe(true);
    expect(isUpperName('openai_api_key')).toBe(false);
  });
  it('hasScheme is ^[a-z][a-z0-9+.-]*:\\/\\//i', () => {
    const url = fc.tuple(word, fc.constantFrom('://', ':/', '//', '', '://x')).map(([a, b]) => a + b);
    fc.assert(fc.property(fc.oneof(url, fc.string()), (s) => {
      expect(hasScheme(s)).toBe(/^[a-z][a-z0-9+.-]*:\/\//i.test(s));
    }), { numRuns: 3000 });
    expect(hasScheme('HTTPS://x')).toBe(true);
    expect(hasScheme('git+ssh://x')).toBe(true);
    expect(hasScheme('1http://x')).toBe(false);
  });
});

describe('plainUrl: a plain http(s) URL read without the URL class', () => {
  const label = fc.oneof(
    fc.constantFrom('api', 'API', 'openai', 'deepseek', 'x', 'a-b', '-a', 'b-', 'xn--abc', 'XN--nxasmq6b', '1', '127', '0', '0x1f', '0X', '09', 'v1', 'com', 'localhost', 'x'.repeat(63), 'y'.repeat(64)),
    fc.stringMatching(/^[a-z0-9-]{1,8}$/),
  );
  const host = fc.tuple(fc.array(label, { minLength: 1, maxLength: 4 }), fc.constantFrom('', '.', '..')).map(([ls, end]) => ls.join('.') + end);
  const port = fc.constantFrom('', ':', ':80', ':443', ':0443', ':8080', ':00080', ':65535', ':65536', ':99999', ':0');
  const seg = fc.oneof({ arbitrary: fc.stringMatching(/^[A-Za-z0-9._~-]{0,6}$/), weight: 3 }, fc.constantFrom('', 'v1', 'chat', 'completions', 'Messages', '.', '..', '.x', '..x', '%2e', 'a b', 'A~_-.', 'ü', '\\', 'x?y=1', 'x#f', ';p', '@'));
  const path = fc.array(seg, { maxLength: 5 }).map((ss) => ss.map((s) => '/' + s).join(''));
  const scheme = fc.constantFrom('http', 'https', 'HTTPS', 'Http', 'ftp', 'ws', 'file');
  const url = fc.tuple(scheme, host, port, path).map(([s, h, p, pa]) => `${s}://${h}${p}${pa}`);
  it('gives the parts new URL gives, or null', () => {
    let plain = 0;
    fc.assert(
      fc.property(fc.oneof({ arbitrary: url, weight: 4 }, fc.string()), (text) => {
        const p = plainUrl(text);
        if (!p) return;
        plain++;
        const u = new URL(text);
        expect(p).toEqual({ protocol: u.protocol, host: u.host, hostname: u.hostname, pathname: u.pathname, search: u.search });
      }),
      { numRuns: 5000 },
    );
    // Most generated URLs are plain ones: the comparison is not vacuous.
    expect(plain).toBeGreaterThan(300);
  });
  it('common API URLs take it', () => {
    expect(plainUrl('https://api.deepseek.com/chat/completions')).toEqual({ protocol: 'https:', host: 'api.deepseek.com', hostname: 'api.deepseek.com', pathname: '/chat/completions', search: '' });
    expect(plainUrl('http://localhost:11434/api/chat')?.host).toBe('localhost:11434');
    expect(plainUrl('https://API.Example.com:443')?.host).toBe('api.example.com');
    expect(plainUrl('http://127.0.0.1:8000/v1')).toBeNull();
    expect(plainUrl('https://x.example/v1?key=1')).toBeNull();
  });
});

describe('matchEndpoint: a pattern runs only on a path holding the literal after its base group', () => {
  /** matchEndpoint as it was: every pattern in table order. */
  const plain = (path: string) => {
    for (const e of endpointsData.endpoints) {
      const m = new RegExp(`^${e.path}/?$`).exec(path);
      if (m) return { protocol: e.protocol, base: m.groups?.base ?? '' };
    }
    return null;
  };
  it('gives the endpoint the plain scan gives, for paths made of the data and other segments', () => {
    const seg = fc.constantFrom(
      'v1', 'chat', 'completions', 'messages', 'count_tokens', 'responses', 'embeddings', 'openai', 'deployments', 'gpt-4o', 'api', 'generate',
      'projects', 'p', 'locations', 'us', 'publishers', 'google', 'anthropic', 'models', 'gemini-2.5-pro:generateContent', 'claude:rawPredict',
      'x:streamGenerateContent', 'services', 'aigc', 'text-generation', 'generation', 'v2', 'tasks', 'chat-completion', 'compatible-mode', '', 'MESSAGES',
    );
    fc.assert(
      fc.property(fc.array(seg, { maxLength: 7 }), fc.boolean(), (segs, slash) => {
        const path = '/' + segs.join('/') + (slash ? '/' : '');
        const got = matchEndpoint(path);
        const want = plain(path);
        expect(got ? { protocol: got.protocol, base: got.basePath } : null).toEqual(want && { protocol: want.protocol, base: want.base.replace(/\/+$/, '') });
      }),
      { numRuns: 4000 },
    );
  });
  it('reads the literal of each data pattern, and none where a quantifier or class follows too soon', () => {
    expect(literalAfterBase('(?<base>.*?)/chat/completions')).toBe('/chat/completions');
    expect(literalAfterBase('(?<base>.*?/openai/deployments/(?<model>[^/]+))/completions')).toBe('/completions');
    expect(literalAfterBase('(?<base>.*?)/messages?')).toBe('/message');
    expect(literalAfterBase('(?<base>.*?)/v[0-9]/chat')).toBeNull();
    expect(literalAfterBase('/chat/(?<base>.*)')).toBeNull();
  });
});
