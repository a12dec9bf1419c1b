// The shared value conversions of src/eval/values.ts, seen through both
// front-ends: one renderer, parameterised by each language's spelling and
// semantics (True/true, None/null, empty containers, NaN, list index
// assignment), so the Python and JavaScript walkers cannot drift apart.
import { describe, expect, it } from 'vitest';
import { jsonValue, setPath, truthy, valueWord, type EvalVal } from '../src/eval/values.js';
import { litWord, literalText, valueToJson, type Value } from '../src/call/model.js';
import { call } from './python-helpers.js';
import { parseJavaScript } from '../src/js/index.js';

const text = (v: EvalVal, lang: 'python' | 'javascript') => literalText(valueWord(v, lang));

describe('one renderer, two spellings', () => {
  it('spells scalars as each language prints them', () => {
    expect(text({ kind: 'bool', value: true }, 'python')).toBe('True');
    expect(text({ kind: 'bool', value: true }, 'javascript')).toBe('true');
    expect(text({ kind: 'null' }, 'python')).toBe('None');
    expect(text({ kind: 'null' }, 'javascript')).toBe('null');
    expect(text({ kind: 'undef' }, 'javascript')).toBe('undefined');
    expect(text({ kind: 'number', value: NaN }, 'python')).toBe('nan');
    expect(text({ kind: 'number', value: NaN }, 'javascript')).toBe('NaN');
  });

  it('joins arrays in JavaScript only, and names the unknown json text per language', () => {
    const arr: EvalVal = { kind: 'array', items: [{ kind: 'number', value: 1 }, { kind: 'null' }, { kind: 'string', word: litWord('b') }] };
    expect(text(arr, 'javascript')).toBe('1,,b');
    expect(valueWord(arr, 'python').parts).toEqual([{ kind: 'unknown', text: 'object' }]);
    const json: EvalVal = { kind: 'jsontext', value: { kind: 'unknown', text: 'x' } };
    expect(valueWord(json, 'python').parts).toEqual([{ kind: 'unknown', text: 'json.dumps(...)' }]);
    expect(valueWord(json, 'javascript').parts).toEqual([{ kind: 'unknown', text: 'JSON.stringify(...)' }]);
  });

  it('truthiness differs where the languages differ', () => {
    const empty: EvalVal = { kind: 'array', items: [] };
    expect(truthy(empty, 'python')).toBe(false);
    expect(truthy(empty, 'javascript')).toBe(true);
    expect(truthy({ kind: 'number', value: NaN }, 'python')).toBe(true);
    expect(truthy({ kind: 'number', value: NaN }, 'javascript')).toBe(false);
    expect(truthy({ kind: 'ref', path: 'os.environ' }, 'python')).toBeUndefined();
  });

  it('drops undefined and function members from JSON, as JSON.stringify does', () => {
    const o: EvalVal = { kind: 'object', entries: [['a', { kind: 'undef' }], ['b', { kind: 'func', fn: { name: 'f' } }], ['c', { kind: 'array', items: [{ kind: 'undef' }] }]] };
    expect(jsonValue(o, 'javascript')).toEqual({ kind: 'object', entries: [['c', { kind: 'array', items: [{ kind: 'null' }] }]] });
  });

  it('sets a list item by index, keeping the rest', () => {
    const list: Value = { kind: 'array', items: [{ kind: 'number', value: 1 }, { kind: 'number', value: 2 }] };
    expect(setPath<Value>(list, ['1'], { kind: 'number', value: 9 })).toEqual({ kind: 'array', items: [{ kind: 'number', value: 1 }, { kind: 'number', value: 9 }] });
    expect(list.items[1]).toEqual({ kind: 'number', value: 2 });
  });
});

describe('through the front-ends', () => {
  it('Python list item assignment keeps a list (it used to become a dict keyed "0")', () => {
    const c = call(`import requests\nm = [{"role": "user", "content": "a"}]\nm[0] = {"role": "user", "content": "b"}\nrequests.post("https://h.test/v1/chat/completions", json={"model": "x", "messages": m})\n`);
    expect((c.body as { messages: unknown }).messages).toEqual([{ role: 'user', content: 'b' }]);
  });

  it('a json.dumps text is truthy in Python (`x or default` keeps x)', () => {
    const c = call(`import requests, json\nb = json.dumps({"model": "m"}) or "{}"\nrequests.post("https://h.test/v1/chat/completions", data=b)\n`);
    expect(c.body).toEqual({ model: 'm' });
  });

  it('JavaScript array index assignment keeps an array', () => {
    const r = parseJavaScript(`const m = [{ role: "user", content: "a" }];\nm[0] = { role: "user", content: "b" };\nfetch("https://h.test/v1/chat/completions", { method: "POST", body: JSON.stringify({ model: "x", messages: m }) });\n`, false);
    expect(r.calls).toHaveLength(1);
    const b = r.calls[0].body;
    expect(b?.type === 'json' ? valueToJson(b.value, true) : b).toEqual({ model: 'x', messages: [{ role: 'user', content: 'b' }] });
  });
});
