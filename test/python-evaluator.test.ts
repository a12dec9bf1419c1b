// The Python evaluator: string literals of every prefix and quote style,
// concatenation, f-strings and .format() holes, numbers and constants,
// containers, names bound earlier, env reads, json.dumps, unknowns. Each case
// evaluates a snippet whose request body or URL shows the value.
import { describe, expect, it } from 'vitest';
import { decodeStringToken } from '../src/python/strings.js';
import { call, py } from './python-helpers.js';

/** The value of `x` as the body of `requests.post(URL, json={"v": x})`. */
function value(prelude: string, expr: string): unknown {
  const c = call(`import requests\n${prelude}\nrequests.post("https://h.test/v1/chat/completions", json={"v": ${expr}})\n`);
  return (c.body as Record<string, unknown>).v;
}
/** The raw Word parts of `x` used as a header value. */
function header(prelude: string, expr: string) {
  const c = call(`import requests, os\n${prelude}\nrequests.post("https://h.test/x", headers={"X": ${expr}})\n`);
  return c.raw.headers[0].value.parts;
}

describe('string literals', () => {
  it.each([
    [`'a'`, 'a'],
    [`"a"`, 'a'],
    [`'''a\nb'''`, 'a\nb'],
    [`"""a"""`, 'a'],
    [`r'a\\nb'`, 'a\\nb'],
    [`R"a\\n"`, 'a\\n'],
    [`b'x\\x41'`, 'xA'],
    [`rb'\\x41'`, '\\x41'],
    [`Br"\\t"`, '\\t'],
    [`u'\\u00e9'`, 'é'],
    [`'\\N{DASH}'`, '\\N{DASH}'],
    [`'tab\\there'`, 'tab\there'],
    [`'\\101'`, 'A'],
    [`'a\\\nb'`, 'ab'],
    [`"unterminated`, 'unterminated'],
  ])('%s', (tok, want) => {
    expect(decodeStringToken(tok)).toBe(want);
  });

  it('implicit concatenation of mixed prefixes', () => {
    expect(value('', `"https://" 'api.' r"x.com" f"/{1}"`)).toBe('https://api.x.com/1');
  });
  it('+ concatenation and += on names', () => {
    expect(value('a = "x"\na += "y"\nb = a + "z"', 'b')).toBe('xyz');
  });
});

describe('f-strings and format()', () => {
  it('holes take the value of names bound earlier', () => {
    expect(value('HOST = "api.x.com"\nV = 1', 'f"https://{HOST}/v{V}/{{lit}}"')).toBe('https://api.x.com/v1/{lit}');
  });
  it('an env read in a hole stays a reference', () => {
    expect(header('', 'f"Bearer {os.environ[\'XKEY\']}"')).toEqual([
      { kind: 'lit', text: 'Bearer ' },
      { kind: 'env', name: 'XKEY' },
    ]);
  });
  it('conversion and format spec are ignored', () => {
    expect(value('x = "v"', 'f"{x!r:>3}|{x:{4}}"')).toBe('v|v');
  });
  it('unknown holes become unknown parts', () => {
    expect(header('', 'f"Bearer {get_key()}"')).toEqual([
      { kind: 'lit', text: 'Bearer ' },
      { kind: 'unknown', text: 'get_key()' },
    ]);
  });
  it('.format() positional, numbered and named holes', () => {
    expect(value('', '"{}/{0}/{name}".format("a", name="b")')).toBe('a/a/b');
  });
  it('.format() with a missing argument leaves an unknown part', () => {
    expect(header('', '"Bearer {key}".format()')).toEqual([
      { kind: 'lit', text: 'Bearer ' },
      { kind: 'unknown', text: 'key' },
    ]);
  });
  it('% formatting', () => {
    expect(value('k = "t"', '"Bearer %s and %d%%" % (k, 5)')).toBe('Bearer t and 5%');
  });
});

describe('numbers, constants, containers', () => {
  it.each([
    ['1_000', 1000],
    ['0x1F', 31],
    ['0o17', 15],
    ['1e3', 1000],
    ['-2.5', -2.5],
    ['1024*32', 32768],
    ['True', true],
    ['False', false],
    ['None', null],
  ])('%s', (expr, want) => {
    expect(value('', expr)).toEqual(want);
  });
  it('dict, list, tuple literals and dict(...) keep key order', () => {
    expect(value('', '{"b": [1, (2, 3)], "a": dict(x=1, y={"z": None})}')).toEqual({ b: [1, [2, 3]], a: { x: 1, y: { z: null } } });
  });
  it('** and * unpacking', () => {
    expect(value('base = {"a": 1, "b": 2}\nrest = [3]', '{**base, "b": 9, "c": [*rest, 4]}')).toEqual({ a: 1, b: 9, c: [3, 4] });
  });
  it('subscripts and .get on known dicts', () => {
    expect(value('cfg = {"m": "gpt", "n": {"k": 2}}', '[cfg["m"], cfg["n"]["k"], cfg.get("m"), cfg.get("zz", 7)]')).toEqual(['gpt', 2, 'gpt', 7]);
  });
  it('a complex literal or a comprehension is unknown, not guessed', () => {
    expect(value('', '[1j, [x for x in y]]')).toEqual(['<unknown: complex number>', '<unknown: comprehension>']);
  });
});

describe('names bound earlier', () => {
  it('payload built, mutated, then passed', () => {
    const c = call(`import requests
payload = {"model": "m"}
payload["stream"] = True
payload["opts"] = {}
payload["opts"]["top_k"] = 3
payload.update({"temperature": 0.1}, seed=1)
msgs = []
msgs.append({"role": "user", "content": "hi"})
payload["messages"] = msgs
requests.post("https://h.test/v1/chat/completions", json=payload)
`);
    expect(c.body).toEqual({ model: 'm', stream: true, opts: { top_k: 3 }, temperature: 0.1, seed: 1, messages: [{ role: 'user', content: 'hi' }] });
  });
  it('tuple unpacking and chained assignment', () => {
    expect(value('a, b = "x", "y"\nc = d = "z"', '[a, b, c, d]')).toEqual(['x', 'y', 'z', 'z']);
  });
  it('class constants and self attributes', () => {
    const c = call(`from openai import OpenAI
class Config:
    MODEL = "m1"
class Bot:
    def __init__(self, model: str = Config.MODEL):
        self.model = model
        self.client = OpenAI(base_url="https://h.test/v1")
    def ask(self, q):
        return self.client.chat.completions.create(model=self.model, messages=[])
`);
    expect(c.url).toBe('https://h.test/v1/chat/completions');
    expect(c.body).toEqual({ model: 'm1', messages: [] });
  });
  it('a helper function that returns a client, with a local key variable', () => {
    const c = call(`import os
from openai import OpenAI
def build():
    key = os.environ.get("K1")
    return OpenAI(api_key=key, base_url="https://h.test/v1")
def main():
    client = build()
    client.chat.completions.create(model="m", messages=[])
if __name__ == "__main__":
    main()
`);
    expect(c.url).toBe('https://h.test/v1/chat/completions');
    expect(c.headers.Authorization).toBe('Bearer ${K1}');
  });
  it('function arguments of the first call reach the body', () => {
    const c = call(`import requests
def ask(model, temperature=0.5):
    return requests.post("https://h.test/v1/chat/completions", json={"model": model, "temperature": temperature})
ask("m2")
`);
    expect(c.body).toEqual({ model: 'm2', temperature: 0.5 });
  });
  it('a try: binding wins over the except: fallback', () => {
    expect(value('try:\n    from google.colab import userdata\n    K = userdata.get("GK")\nexcept Exception:\n    K = "fallback"', 'K')).toBe('${GK}');
  });
});

describe('environment reads', () => {
  it.each([
    ['os.environ["A1"]', [{ kind: 'env', name: 'A1' }]],
    ['os.environ.get("A1")', [{ kind: 'env', name: 'A1' }]],
    ['os.environ.get("A1", "dflt")', [{ kind: 'env', name: 'A1', fallback: 'dflt' }]],
    ['os.getenv("A1")', [{ kind: 'env', name: 'A1' }]],
    ['os.getenv("A1") or "dflt"', [{ kind: 'env', name: 'A1', fallback: 'dflt' }]],
    ['environ["A1"]', [{ kind: 'env', name: 'A1' }]],
    ['getenv("A1")', [{ kind: 'env', name: 'A1' }]],
    ['userdata.get("A1")', [{ kind: 'env', name: 'A1' }]],
  ])('%s', (expr, want) => {
    expect(header('from os import environ, getenv\nfrom google.colab import userdata', expr)).toEqual(want);
  });
  it('a name bound to an env read is the same reference', () => {
    expect(header('KEY = os.environ["A2"]', 'KEY')).toEqual([{ kind: 'env', name: 'A2' }]);
  });
  it('a non-identifier in the name slot (a pasted key) is a literal, not a variable name', () => {
    expect(header('', 'os.environ.get("not-a-name")')).toEqual([{ kind: 'lit', text: 'not-a-name' }]);
  });
  it('module-level names bound to env reads or literals are reported as assignments', () => {
    const r = py('import os\nAPI_KEY = os.environ["A3"]\nMODEL = "m"\nN = 3\n');
    expect(r.assignments).toEqual({ API_KEY: { parts: [{ kind: 'env', name: 'A3' }] }, MODEL: { parts: [{ kind: 'lit', text: 'm' }] } });
  });
});

describe('json.dumps and unknowns', () => {
  it('data=json.dumps(x) is a JSON body, .encode() included', () => {
    const c = call('import json, requests\nbody = {"model": "m"}\nrequests.post("https://h.test/x", data=json.dumps(body).encode("utf-8"))\n');
    expect(c.raw.body).toEqual({ type: 'json', value: { kind: 'object', entries: [['model', { kind: 'string', word: { parts: [{ kind: 'lit', text: 'm' }] } }]] } });
  });
  it('data= with a JSON string literal is parsed; other text stays text', () => {
    expect(call(`import requests\nrequests.post("https://h.test/x", data='{"model": "m"}')`).body).toEqual({ model: 'm' });
    expect(call(`import requests\nrequests.post("https://h.test/x", data="plain")`).body).toBe('plain');
  });
  it('unknown calls and names are explicit unknowns', () => {
    expect(value('', '[load(), settings.key, some_name]')).toEqual(['<unknown: load()>', '<unknown: settings.key>', '<unknown: some_name>']);
  });
  it('an unknown name that looks like a pasted key is not echoed', () => {
    const name = 'gsk' + '_' + 'a1B2'.repeat(8);
    const r = py(`from openai import OpenAI\nclient = OpenAI(api_key=${name})\nclient.chat.completions.create(model="m", messages=[])\n`);
    expect(JSON.stringify(r.calls)).not.toContain(name);
  });
});
