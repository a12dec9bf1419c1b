// The JavaScript front-end's evaluator, one construct at a time: what a value
// written in the snippet becomes in the request (literal text, an env
// reference, or an explicit unknown). Each case sends the value through
// fetch(), so the URL, a header or the JSON body shows it.
import { describe, expect, it } from 'vitest';
import { renderWord, valueToJson, type EnvPart, type HttpCall } from '../src/call/model.js';
import { parseJavaScript } from '../src/js/index.js';

function calls(src: string, ts = false): HttpCall[] {
  return parseJavaScript(src, ts).calls;
}
function one(src: string, ts = false): HttpCall {
  const r = parseJavaScript(src, ts);
  if (r.calls.length !== 1) throw new Error(`expected one call, got ${r.calls.length}: ${JSON.stringify(r.warnings)}`);
  return r.calls[0];
}
const header = (c: HttpCall, name: string) => {
  const h = c.headers.find((x) => x.name.toLowerCase() === name.toLowerCase());
  return h ? renderWord(h.value) : undefined;
};
const body = (c: HttpCall) => (c.body?.type === 'json' ? valueToJson(c.body.value, true) : c.body);
/** The value `expr` evaluates to, seen as the X-V header of a fetch (the snippet binds what `pre` says first). */
function valueOf(expr: string, pre = '', ts = false): string | undefined {
  return header(one(`${pre}\nfetch("https://h.test/v1/chat/completions", { method: "POST", headers: { "X-V": ${expr} } });`, ts), 'X-V');
}

describe('strings and templates', () => {
  it.each([
    [`"plain"`, 'plain'],
    [`'single'`, 'single'],
    ['`tmpl ${1 + 2} ${true} ${null}`', 'tmpl 3 true null'],
    [`"a" + "b" + 3`, 'ab3'],
    ['`x${"y"}z`', 'xyz'],
    [`"line\\nbreak"`, 'line\nbreak'],
    ['String(42)', '42'],
    ['`${undefined}`', 'undefined'],
  ])('%s', (expr, want) => expect(valueOf(expr)).toBe(want));

  it('holes that are not env reads become unknown parts', () => {
    expect(valueOf('`a ${someCall()} b`')).toBe('a <?> b');
    expect(valueOf('`${new Date()}`')).toBe('<?>');
  });
});

describe('environment reads', () => {
  it.each([
    ['process.env.API_KEY', '${API_KEY}'],
    ['process.env["API_KEY"]', '${API_KEY}'],
    ["process.env['API_KEY']", '${API_KEY}'],
    ['import.meta.env.VITE_KEY', '${VITE_KEY}'],
    ['Deno.env.get("DENO_KEY")', '${DENO_KEY}'],
    ['Bun.env.BUN_KEY', '${BUN_KEY}'],
    ['env.WORKER_KEY', '${WORKER_KEY}'],
    ['`Bearer ${process.env.OPENAI_API_KEY}`', 'Bearer ${OPENAI_API_KEY}'],
    ['"Bearer " + process.env.OPENAI_API_KEY', 'Bearer ${OPENAI_API_KEY}'],
  ])('%s', (expr, want) => expect(valueOf(expr)).toBe(want));

  it('keeps a default written with ?? or || as the reference fallback', () => {
    for (const op of ['??', '||']) {
      const c = one(`const base = process.env.BASE_URL ${op} "https://h.test/v1";\nfetch(base + "/chat/completions", { headers: { "X-V": base } });`);
      const p = c.url.parts[0] as EnvPart;
      expect(p).toMatchObject({ kind: 'env', name: 'BASE_URL', fallback: 'https://h.test/v1' });
    }
  });

  it('destructures process.env, with defaults', () => {
    const c = one('const { OPENAI_API_KEY, BASE = "https://h.test" } = process.env;\nfetch(`${BASE}/v1/chat/completions`, { headers: { Authorization: `Bearer ${OPENAI_API_KEY}` } });');
    expect(header(c, 'Authorization')).toBe('Bearer ${OPENAI_API_KEY}');
    expect(c.url.parts[0]).toMatchObject({ kind: 'env', name: 'BASE', fallback: 'https://h.test' });
  });

  it('reads a Workers / Hono handler parameter named env', () => {
    const c = one('export default { async fetch(req, env, ctx) { return fetch("https://h.test/v1/chat/completions", { headers: { "x-api-key": env.MY_KEY } }); } };');
    expect(header(c, 'x-api-key')).toBe('${MY_KEY}');
    const h = one('app.post("/", async (c) => { await fetch("https://h.test/v1/chat/completions", { headers: { "x-api-key": c.env.HONO_KEY } }); });');
    expect(header(h, 'x-api-key')).toBe('${HONO_KEY}');
  });

  it('marks variables the paste assigns (process.env.X = ..., export X=... lines)', () => {
    const c = one('process.env.BASE = "https://h.test/v1";\nfetch(`${process.env.BASE}/chat/completions`);');
    expect((c.url.parts[0] as EnvPart).assigned).toEqual([{ kind: 'lit', text: 'https://h.test/v1' }]);
    const d = one('export BASE=https://h.test/v1\nfetch(`${process.env.BASE}/chat/completions`);');
    expect((d.url.parts[0] as EnvPart).assigned).toEqual([{ kind: 'lit', text: 'https://h.test/v1' }]);
  });
});

describe('bindings, objects and arrays', () => {
  it('follows const/let/var bindings and reassignment', () => {
    expect(valueOf('k', 'const k = "one";')).toBe('one');
    expect(valueOf('k', 'let k = "one"; k = "two";')).toBe('two');
    expect(valueOf('k', 'var k = "a"; k += "b";')).toBe('ab');
  });

  it('builds objects with spread, shorthand, computed keys and later keys winning', () => {
    const c = one(
      'const model = "m1"; const extra = { top_k: 5, temperature: 1 };\nconst key = "seed";\nconst payload = { model, ...extra, temperature: 0.2, [key]: 7, stream: undefined };\nfetch("https://h.test/v1/chat/completions", { method: "POST", body: JSON.stringify(payload) });',
    );
    expect(body(c)).toEqual({ model: 'm1', top_k: 5, temperature: 0.2, seed: 7 });
  });

  it('applies mutations made after the object is built', () => {
    const c = one(
      'const headers = { "Content-Type": "application/json" };\nheaders["Authorization"] = `Bearer ${process.env.K}`;\nconst data = { model: "m", messages: [] };\ndata.stream = true;\ndata.messages.push({ role: "user", content: "hi" });\nfetch("https://h.test/v1/chat/completions", { method: "POST", headers, body: JSON.stringify(data) });',
    );
    expect(header(c, 'Authorization')).toBe('Bearer ${K}');
    expect(body(c)).toEqual({ model: 'm', messages: [{ role: 'user', content: 'hi' }], stream: true });
  });

  it('spreads arrays and reads members of known objects', () => {
    const c = one('const cfg = { url: "https://h.test/v1/chat/completions", msgs: [{ role: "system", content: "s" }] };\nfetch(cfg.url, { method: "POST", body: JSON.stringify({ messages: [...cfg.msgs, { role: "user", content: "u" }] }) });');
    expect(renderWord(c.url)).toBe('https://h.test/v1/chat/completions');
    expect(body(c)).toEqual({ messages: [{ role: 'system', content: 's' }, { role: 'user', content: 'u' }] });
  });

  it('reads numbers, booleans and null', () => {
    const c = one('fetch("https://h.test/v1/chat/completions", { method: "POST", body: JSON.stringify({ a: -1.5, b: false, c: null, d: 0x10 }) });');
    expect(body(c)).toEqual({ a: -1.5, b: false, c: null, d: 16 });
  });

  it('keeps unknown expressions explicit', () => {
    const c = one('fetch("https://h.test/v1/chat/completions", { method: "POST", body: JSON.stringify({ model: getModel(), n: count * 2 }) });');
    expect(body(c)).toEqual({ model: '<unknown: getModel()>', n: '<unknown: arithmetic>' });
  });

  it('a JSON string body is parsed, with its references kept', () => {
    const c = one('const m = process.env.MODEL;\nfetch("https://h.test/v1/chat/completions", { method: "POST", body: `{"model": "${m}", "stream": true}` });');
    expect(body(c)).toEqual({ model: '${MODEL}', stream: true });
  });

  it('a conditional spread that adds a header takes the branch that sets it', () => {
    const c = one('const key = process.env.K;\nfetch("https://h.test/v1/chat/completions", { headers: { "Content-Type": "application/json", ...(key ? { Authorization: `Bearer ${key}` } : {}), ...(key && { "X-Key": key }) } });');
    expect(header(c, 'Authorization')).toBe('Bearer ${K}');
    expect(header(c, 'X-Key')).toBe('${K}');
  });

  it('runs functions nobody calls: route handlers, an anonymous default export, object methods', () => {
    expect(calls('export default async function (req, res) { await fetch("https://a.test/v1/chat/completions"); }')).toHaveLength(1);
    expect(calls('export async function POST(req: Request) { return fetch("https://b.test/v1/chat/completions"); }', true)).toHaveLength(1);
    expect(calls('app.post("/chat", async (req, res) => { await fetch("https://c.test/v1/chat/completions"); });')).toHaveLength(1);
  });

  it('follows values through helper functions', () => {
    const c = one('function headersFor(key) { return { Authorization: `Bearer ${key}` }; }\nconst h = headersFor(process.env.K);\nfetch("https://h.test/v1/chat/completions", { headers: h });');
    expect(header(c, 'Authorization')).toBe('Bearer ${K}');
  });
});

describe('TypeScript is transparent', () => {
  it('as, !, satisfies, annotations, generics, type declarations', () => {
    const src = [
      'import type { Foo } from "foo";',
      'interface Msg { role: string; content: string }',
      'type Body = { model: string; messages: Msg[] };',
      'const key: string = process.env.K!;',
      'const payload = { model: "m" as const, messages: [] as Msg[] } satisfies Body;',
      'async function go<T>(x: T): Promise<void> {',
      '  await fetch("https://h.test/v1/chat/completions", { method: "POST", headers: { Authorization: `Bearer ${key as string}` }, body: JSON.stringify(<Body>payload) });',
      '}',
      'go<number>(1);',
    ].join('\n');
    const r = parseJavaScript(src, true);
    expect(r.warnings.filter((w) => w.code === 'guessed_syntax')).toEqual([]);
    expect(r.calls).toHaveLength(1);
    expect(header(r.calls[0], 'Authorization')).toBe('Bearer ${K}');
    expect(body(r.calls[0])).toEqual({ model: 'm', messages: [] });
  });

  it('TypeScript pasted as JavaScript is still read', () => {
    const c = one('const key: string = process.env.K as string;\nfetch("https://h.test/v1/chat/completions", { headers: { "x-api-key": key! } });', false);
    expect(header(c, 'x-api-key')).toBe('${K}');
  });
});

describe('tolerant parsing', () => {
  it('reads around a syntax error and says so', () => {
    const r = parseJavaScript('const client = new OpenAI({ apiKey: process.env.K, baseURL: "https://h.test/v1" });\nclient.chat.completions.create({ model: "m", messages: [...] );', false);
    expect(r.warnings.some((w) => w.code === 'guessed_syntax')).toBe(true);
    expect(r.calls.map((c) => renderWord(c.url))).toEqual(['https://h.test/v1/chat/completions']);
  });

  it('erases type annotations before the tolerant parse of broken TypeScript', () => {
    const r = parseJavaScript('const key: string = process.env.K as string;\nconst h: Record<string, string> = { "x-api-key": key };\nfetch("https://h.test/v1/chat/completions", { headers: h }\n', true);
    expect(r.warnings.some((w) => w.code === 'guessed_syntax')).toBe(true);
    expect(r.calls).toHaveLength(1);
    expect(header(r.calls[0], 'x-api-key')).toBe('${K}');
  });

  it('drops diff markers', () => {
    const r = parseJavaScript('const client = new OpenAI({\n-  baseURL: "https://old.test/v1",\n+  baseURL: "https://new.test/v1",\n});\nclient.chat.completions.create({ model: "m" });', false);
    expect(r.calls.map((c) => renderWord(c.url))).toEqual(['https://new.test/v1/chat/completions']);
  });

  it('strips fences and install lines', () => {
    expect(calls('```js\nnpm install openai\nfetch("https://h.test/v1/chat/completions");\n```')).toHaveLength(1);
  });
});
