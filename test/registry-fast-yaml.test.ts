// The fast YAML reader (src/registry/fast-yaml.ts) against the `yaml` library,
// differentially: on generated registries (byok's own layout and hand-edited
// variants: comments, blank lines, unknown fields, every quoting style, flow
// maps, unicode, indicator characters, numbers, null and booleans in every
// spelling) and on random mutations of them, whatever the fast reader accepts
// must equal what yaml reads, key order included; what yaml calls an error
// the fast reader never accepts; and where it says a new entry can be appended
// as text, appending one keeps every other value.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { fastParseYaml } from '../src/registry/fast-yaml.js';

/** What the registry reads from a text with yaml (null: yaml reports an error). */
function yamlRead(text: string): unknown {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length) return null;
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch {
    return null;
  }
}

/** Deep equality that also checks key order (JSON drops undefined; the reader never makes one). */
function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Object.is(a, b);
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Checks one text; answers whether the fast reader accepted it. */
function check(text: string): boolean {
  const fast = fastParseYaml(text);
  if (!fast) return false;
  const slow = yamlRead(text);
  expect(slow, `yaml refuses what the fast reader accepted:\n${text}`).not.toBeNull();
  if (!same(fast.value, slow)) expect(fast.value, text).toEqual(slow);
  expect(same(fast.value, slow), `key order differs:\n${text}`).toBe(true);
  if (fast.tail) {
    const appended = `${text}${' '.repeat(fast.tail.indent)}- zz_new: 1\n${' '.repeat(fast.tail.indent)}  other: two\n`;
    const after = yamlRead(appended) as Record<string, unknown>;
    const before = slow as Record<string, unknown>;
    expect(after, appended).not.toBeNull();
    expect(after.models).toEqual([...(before.models as unknown[]), { zz_new: 1, other: 'two' }]);
    expect({ ...after, models: null }).toEqual({ ...before, models: null });
  }
  return true;
}

// ---------- generators ----------

/** Words and characters that matter to YAML, for scalars, keys and mutations. */
const PIECES = [
  'a', 'b', 'Z', 'x-y', 'model', '0', '1', '7', '12', '-', '+', '.', 'e', 'E', '_', '/', ' ', '  ', ':', ': ', ' #', '#', ',', '[', ']', '{', '}',
  '"', "'", '\\', '\\n', '\\u00e9', '\\x41', '&', '*', '!', '|', '>', '%', '@', '`', '?', '~', '<<', 'null', 'Null', 'NULL', 'true', 'False', 'TRUE',
  '0x1F', '0o17', '1e3', '.5', '1.50', '-0', '+12', '.inf', '.NaN', '2026-01-01T00:00:00.000Z', 'é', '😀', '\u00a0', '\u200b', 'ü', '中', '__proto__',
  'https://api.example.com/v1', 'Bearer', '---', '...', '\t', '\r', '\u2028', '\u0085', '\ufeff',
];
const word = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 5 }).map((a) => a.join(''));
const plainWord = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,10}$/);

/** A scalar value, as JS. */
const scalar = fc.oneof(word, plainWord, fc.integer({ min: -1e6, max: 1e6 }), fc.constantFrom(true, false, null), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string({ unit: 'grapheme', maxLength: 12 }));

/** A scalar written in one of YAML's styles (possibly invalid: then the reader must refuse it). */
function render(v: unknown, style: number): string {
  if (v === null) return ['null', '~', 'Null', '', 'NULL'][style % 5];
  if (typeof v !== 'string') return String(v);
  switch (style % 4) {
    case 0:
      return v; // plain, whatever it holds
    case 1:
      return JSON.stringify(v); // double-quoted, JSON escapes
    case 2:
      return `'${v.replace(/'/g, "''")}'`;
    default:
      return `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  }
}

interface Field {
  key: string;
  keyStyle: number;
  value: unknown;
  style: number;
  comment: string | null;
  flow: boolean;
}

const keyArb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('id', 'name', 'vendor', 'upstream_model', 'base_url', 'wire', 'api_key_env', 'headers', 'query', 'thinking_params', 'request_params', 'capabilities', 'max_tokens', 'created_at', 'x_note', 'X-Title', 'thinking.type', 'a/b') },
  { weight: 1, arbitrary: word },
);
const fieldArb: fc.Arbitrary<Field> = fc.record({
  key: keyArb,
  keyStyle: fc.nat(6),
  value: fc.oneof({ weight: 4, arbitrary: scalar }, { weight: 1, arbitrary: fc.dictionary(keyArb, scalar, { maxKeys: 3 }) }, { weight: 1, arbitrary: fc.array(scalar, { maxLength: 3 }) }),
  style: fc.nat(20),
  comment: fc.option(word, { freq: 4 }),
  flow: fc.boolean(),
});

function renderKey(k: string, style: number): string {
  return style === 5 ? JSON.stringify(k) : style === 6 ? `'${k.replace(/'/g, "''")}'` : k;
}

/** One field at `indent` (the first line's indentation is the caller's: `- ` or spaces). */
function renderField(f: Field, indent: string): string[] {
  const key = renderKey(f.key, f.keyStyle);
  const tail = f.comment !== null ? ` # ${f.comment}` : '';
  const v = f.value;
  if (v !== null && typeof v === 'object') {
    const entries = Array.isArray(v) ? v.map((x, i) => [String(i), x] as const) : Object.entries(v);
    if (f.flow || !entries.length) {
      const inner = Array.isArray(v) ? v.map((x, i) => render(x, f.style + i)).join(', ') : entries.map(([k, x], i) => `${renderKey(k, f.style % 7)}: ${render(x, f.style + i)}`).join(', ');
      const [open, close] = Array.isArray(v) ? ['[', ']'] : ['{', '}'];
      return [`${key}: ${open}${f.style % 3 === 0 || !inner ? inner : ` ${inner} `}${close}${tail}`];
    }
    const lines = [`${key}:${tail}`];
    const sub = f.style % 2 === 0 || !Array.isArray(v) ? `${indent}  ` : indent;
    for (const [k, x] of entries) lines.push(Array.isArray(v) ? `${sub}- ${render(x, f.style)}` : `${sub}${renderKey(k, f.keyStyle)}: ${render(x, f.style)}`);
    return lines;
  }
  return [`${key}: ${render(v, f.style)}${tail}`];
}

const entryArb = fc.array(fieldArb, { minLength: 1, maxLength: 6 });
const docArb = fc.record({
  header: fc.array(fc.oneof(word.map((w) => `# ${w}`), fc.constant('')), { maxLength: 3 }),
  top: fc.array(fieldArb, { maxLength: 2 }),
  entries: fc.array(entryArb, { maxLength: 5 }),
  itemIndent: fc.constantFrom('  ', '', '    '),
  extraDash: fc.constantFrom('', '', ' '),
  between: fc.array(fc.constantFrom('', '# note', '    # indented note', '   '), { maxLength: 2 }),
  trailer: fc.constantFrom('', '\n', '# end\n', '\n\n'),
  modelsLast: fc.boolean(),
});

type Doc = typeof docArb extends fc.Arbitrary<infer T> ? T : never;

function renderDoc(d: Doc): string {
  const lines = [...d.header, 'version: 1'];
  const top = d.top.flatMap((f) => renderField(f, ''));
  if (!d.modelsLast) lines.push(...top);
  lines.push(d.entries.length ? 'models:' : 'models: []');
  for (const e of d.entries) {
    const pad = `${d.itemIndent}  ${d.extraDash}`;
    e.forEach((f, i) => {
      const fl = renderField(f, pad);
      lines.push((i === 0 ? `${d.itemIndent}-${d.extraDash} ` : pad) + fl[0], ...fl.slice(1));
    });
    lines.push(...d.between);
  }
  if (d.modelsLast) lines.push(...top);
  return lines.join('\n') + '\n' + d.trailer;
}

// ---------- properties ----------

describe('fast YAML reader', () => {
  it('reads what byok writes (block entries, flow maps, quoted timestamps, comments) exactly as yaml does', () => {
    const text = `# yaml-language-server: $schema=../schema/custom_models.schema.json
# a comment
version: 1
models:
  - id: custom/model-1-abcd
    name: Model 1
    vendor: null
    upstream_model: vendor/model-1
    base_url: https://api.example.com/v1
    wire: openai
    api_key_env: CUSTOM_KEY_API_EXAMPLE_COM
    auth: { in: header, name: Authorization, scheme: Bearer }
    headers: { X-Title: my app, HTTP-Referer: "https://example.com" }
    query: {}
    thinking_params: { thinking.type: enabled, budget: 1024 }
    request_params: { top_k: 20, chat_template_kwargs: { enable_thinking: false }, stop: [a, "b c"] }
    capabilities: { streaming: true, tools: false }
    max_tokens: null
    param_policy: { drop_params: [] }
    my_note: keep me # a trailing comment
    created_at: "2026-01-01T00:00:00.000Z"
    updated_at: 2026-01-01T00:00:00.000Z
`;
    expect(check(text)).toBe(true);
    expect(fastParseYaml(text)!.tail).toEqual({ indent: 2 });
  });

  it('refuses what it is not sure of: anchors, aliases, tags, block scalars, multi-line scalars, CRLF, tabs, flow over lines, duplicate keys', () => {
    const base = 'version: 1\nmodels:\n  - id: custom/a-0000\n    name: ';
    for (const odd of ['&a x', '*a', '!!str x', '|\n      text', '>-\n      text', 'a\n      b', '"a\n      b"', "'a", '{ a: 1,\n      b: 2 }', 'x\r', 'a\tb', 'x\n    name: y']) {
      expect(fastParseYaml(`${base}${odd}\n`), odd).toBeNull();
    }
    expect(fastParseYaml('a: 1\n<<: {b: 2}\n')).toBeNull();
    expect(fastParseYaml('---\na: 1\n')).toBeNull();
    expect(fastParseYaml('%YAML 1.2\n---\na: 1\n')).toBeNull();
    expect(fastParseYaml('a: {__proto__: 1}\n')).toBeNull();
  });

  it('equals yaml on generated registries, and takes the fast path on a good share of them', () => {
    let accepted = 0;
    let runs = 0;
    fc.assert(
      fc.property(docArb, (d) => {
        runs++;
        if (check(renderDoc(d))) accepted++;
      }),
      { numRuns: 600 },
    );
    // Not a vacuous property: a good share of the generated files take the fast path.
    expect(accepted).toBeGreaterThan(runs / 10);
  });

  it('equals yaml on mutations of a registry (characters inserted, deleted, lines indented)', () => {
    const good = fc.sample(
      docArb.filter((d) => fastParseYaml(renderDoc(d)) !== null),
      { numRuns: 30, seed: 7 },
    ).map(renderDoc);
    fc.assert(
      fc.property(
        fc.constantFrom(...good),
        fc.array(fc.record({ at: fc.nat(), op: fc.nat(3), piece: fc.constantFrom(...PIECES, '\n', ' ', '- ', '  ') }), { minLength: 1, maxLength: 4 }),
        (text, edits) => {
          let t = text;
          for (const e of edits) {
            const at = e.at % (t.length + 1);
            if (e.op === 0) t = t.slice(0, at) + t.slice(at + 1);
            else if (e.op === 1) t = t.slice(0, at) + '  ' + t.slice(at);
            else t = t.slice(0, at) + e.piece + t.slice(at);
          }
          check(t);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('reads a line that repeats (remembered per depth) as yaml does, each time a value of its own', () => {
    const item = (i: number) => `  - id: m${i}\n    auth: { in: header, name: Authorization, scheme: Bearer }\n    tags: [a, { b: [1, 2] }]\n    wire: openai\n    n: 1\n`;
    // The same lines at another depth, and a repeated line whose next line makes it a multi-line scalar (left to yaml).
    const text = `version: 1\nwire: openai\nn: 1\nmodels:\n${item(1)}${item(2)}${item(3)}`;
    expect(check(text)).toBe(true);
    const models = fastParseYaml(text)!.value.models as Record<string, { b?: number[] } & Record<string, unknown>>[];
    expect(models[0].auth).toEqual(models[2].auth);
    expect(models[0].auth).not.toBe(models[1].auth);
    expect(models[1].tags).not.toBe(models[2].tags);
    expect((models[1].tags as unknown[])[1]).not.toBe((models[2].tags as unknown[])[1]);
    expect(fastParseYaml(`models:\n${item(1)}${item(2)}      more\n`)).toBeNull();
    expect(fastParseYaml(`models:\n${item(1)}  - id: m2\n    wire: openai\n    wire: openai\n`)).toBeNull();
  });

  it('stays linear on long runs of spaces, quotes and colons', () => {
    for (const run of [' ', '"', "'", ':', '#', '-', '{', '\\']) {
      const t = `version: 1\nmodels:\n  - id: x\n    name: a${run.repeat(200_000)}b\n`;
      const c = process.cpuUsage();
      fastParseYaml(t);
      const u = process.cpuUsage(c);
      // Generous: a quadratic pass over 200,000 characters takes minutes.
      expect((u.user + u.system) / 1000).toBeLessThan(2000);
    }
  });

  it('stays linear on many lines: no search runs past its line (a quote, an escape or a comment far below)', () => {
    const many = Array.from({ length: 40_000 }, (_, i) => `  k${i}: plain value ${i}`).join('\n');
    for (const last of ['  z: "quoted \\n"', "  z: 'quoted'", '  z: x # comment', '  z: "a\\u00e9b"']) {
      const t = `version: 1\nextra:\n${many}\n${last}\nmodels: []\n`;
      const c = process.cpuUsage();
      const r = fastParseYaml(t);
      const u = process.cpuUsage(c);
      expect(r).not.toBeNull();
      // Generous: searching the rest of the file from each line takes minutes here.
      expect((u.user + u.system) / 1000).toBeLessThan(2000);
    }
  });
});
