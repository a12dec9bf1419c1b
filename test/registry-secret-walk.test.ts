// The registry's secret check (secretProblems, src/registry/validate.ts) is
// read once per entry on every first read after an edit, so it first asks a
// one-walk prefilter (maySecret) whether anything can be found, and the
// key-shape scan remembers its verdict per string (findKeyShaped). Both must
// change nothing: on generated entries (keys, redaction marks, credential
// names, query-only credential names, key-shaped field names, arrays, deep
// nesting, reference fields) secretProblems answers what the two full walks
// it was before answer, written out here as the oracle; and the memo answers
// what a fresh scan answers, however often a string is asked.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { secretProblems } from '../src/registry/validate.js';
import { classifyCredential, findKeyShaped, isCredentialName, REDACTED, scanShapes, type KeyHit } from '../src/secrets/index.js';
import { generateKey } from './helpers/keys.js';

/** findKeysInValue as it was: a path string built for every value. */
function oracleKeys(value: unknown, path = '', out: { path: string; hit: KeyHit }[] = [], depth = 0): { path: string; hit: KeyHit }[] {
  if (depth > 64) return out;
  if (typeof value === 'string') {
    const f = scanShapes(value)[0];
    if (f) out.push({ path, hit: { shape: f.shape, vendor: f.vendor } });
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) oracleKeys(value[i], `${path}[${i}]`, out, depth + 1);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const f = scanShapes(k)[0];
      if (f) out.push({ path: path ? `${path} (a field name)` : '(a field name)', hit: { shape: f.shape, vendor: f.vendor } });
      else oracleKeys(v, path ? `${path}.${k}` : k, out, depth + 1);
    }
  }
  return out;
}

const REFERENCE_FIELDS = new Set(['api_key_env', 'auth', 'key_env']);

/** secretProblems as it was: both walks, every time. */
function oracle(e: Record<string, unknown>, remembered?: (s: string) => boolean) {
  const found = new Map<string, string>();
  for (const h of oracleKeys(e)) found.set(h.path, h.hit.vendor ? ` (${h.hit.vendor} shape)` : '');
  const walk = (v: unknown, path: string[], credential: boolean, depth: number) => {
    if (depth > 32) return;
    if (typeof v === 'string') {
      const p = () => path.join('.');
      if (v.includes(REDACTED)) found.set(p(), ' (a value redacted by byok: the secret it held is gone)');
      else if (credential && classifyCredential(v).kind === 'secret') found.set(p(), found.get(p()) ?? ' (by its name)');
      else if (remembered?.(v)) found.set(p(), found.get(p()) ?? ' (part of a key given earlier, or a random-looking stretch)');
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, String(i)], credential, depth + 1));
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        if (depth === 0 && REFERENCE_FIELDS.has(k)) continue;
        const named = depth > 0 && isCredentialName(k, path[0] === 'query' ? 'query' : 'any');
        walk(x, [...path, k], credential || named, depth + 1);
      }
  };
  walk(e, [], false, 0);
  return [...found.entries()].sort(([a], [b]) => Number(a === 'name') - Number(b === 'name'));
}

/** What secretProblems found, as the oracle's list of [path, why] would produce it: compared through the message. */
function messages(e: Record<string, unknown>, remembered?: (s: string) => boolean): string[] {
  return secretProblems(e, remembered).map((p) => `${p.path.join('.')}: ${p.message}`);
}
function oracleMessages(e: Record<string, unknown>, remembered?: (s: string) => boolean): string[] {
  const found = oracle(e, remembered);
  if (!found.length) return [];
  const paths = found.map(([p]) => p);
  const why = new Map(found);
  const redactedOnly = paths.every((p) => why.get(p)!.includes('redacted by byok'));
  const fields = paths.length === 1 ? `${paths[0]} holds` : `${paths.slice(0, -1).join(', ')} and ${paths[paths.length - 1]} hold`;
  const message = redactedOnly
    ? `${fields} <redacted>, the mark byok leaves where a secret was; it is never stored: set the real value through a variable, or leave the field out.`
    : `${fields} what looks like an API key or other secret${why.get(paths[0])}; keys never go in the registry: store it in .env under api_key_env through your secure-input tool, and revoke it if it was pasted anywhere.`;
  return [`${paths[0].split('.').join('.')}: ${message}`];
}

const KEYS = ['openai-proj', 'together-hex64', 'groq', 'generic-sk'].map((id) => generateKey(id));
const STRINGS = [
  'my app', 'https://api.example.com/v1', 'CUSTOM_KEY_API_EXAMPLE_COM', '2026-01-01T00:00:00.000Z', 'custom/vendor-model-1-28ed',
  'q7Xk2pLm9vRt4wZs', 'Bearer q7Xk2pLm9vRt4wZsXY', `x ${REDACTED} y`, REDACTED, 'none', '', '${GATEWAY_KEY}', 'vendor/model-1',
  ...KEYS, `${KEYS[1].slice(0, 32)} ${KEYS[1].slice(32)}`, `pre-${KEYS[0]}`,
];
const NAMES = ['name', 'X-Title', 'token', 'api_key', 'sig', 'code', 'password', 'a', 'query', 'auth', 'key_env', 'api_key_env', 'headers', KEYS[0]];

const value = fc.letrec((tie) => ({
  leaf: fc.oneof(fc.constantFrom(...STRINGS), fc.integer(), fc.boolean(), fc.constant(null)),
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('leaf'), tie('obj'), tie('arr')),
  obj: fc.dictionary(fc.constantFrom(...NAMES), tie('node'), { maxKeys: 4 }),
  arr: fc.array(tie('node'), { maxLength: 3 }),
})).node;

/** An object nested `depth` levels under `key`, holding `leaf`. */
function deep(depth: number, key: string, leaf: unknown): unknown {
  let v: unknown = leaf;
  for (let i = 0; i < depth; i++) v = { [key]: v };
  return v;
}

describe('secretProblems (prefilter and memo) answers what the full walks answer', () => {
  it('on generated entries', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...NAMES, 'request_params', 'thinking_params', 'auth', 'extra'), value, { maxKeys: 6 }), fc.boolean(), (e, withMemory) => {
        const remembered = withMemory ? (s: string) => s.includes('9vRt4wZs') : undefined;
        expect(messages(e, remembered)).toEqual(oracleMessages(e, remembered));
      }),
      { numRuns: 400 },
    );
  });

  it('at the depth limits of both walks (32 for marks and credential names, 64 for key shapes)', () => {
    for (const depth of [30, 31, 32, 33, 62, 63, 64, 65]) {
      for (const leaf of [REDACTED, KEYS[0], 'q7Xk2pLm9vRt4wZs']) {
        for (const key of ['a', 'token']) {
          const e = { name: 'x', request_params: deep(depth, key, leaf), auth: deep(depth, key, leaf) } as Record<string, unknown>;
          expect(messages(e), `${depth} ${key}`).toEqual(oracleMessages(e));
        }
      }
    }
  });

  it('finds what it must: a key in a reference field, a key-shaped field name, a query-only credential name', () => {
    expect(messages({ auth: { in: 'header', name: KEYS[0] } })[0]).toMatch(/^auth\.name: auth\.name holds what looks like an API key/);
    expect(messages({ request_params: { [KEYS[0]]: 1 } })[0]).toMatch(/^request_params \(a field name\): /);
    expect(messages({ query: { sig: 'q7Xk2pLm9vRt4wZs' } })[0]).toMatch(/^query\.sig: .* \(by its name\)/);
    expect(messages({ request_params: { sig: 'q7Xk2pLm9vRt4wZs' } })).toEqual([]);
    expect(messages({ headers: { 'X-Title': 'my app' }, name: 'Model 1' })).toEqual([]);
  });
});

describe('findKeyShaped remembers its verdict per string', () => {
  it('answers what a fresh scan answers, the first time and every time after', () => {
    for (const s of [...STRINGS, ...NAMES]) {
      const f = scanShapes(s)[0];
      const want = f ? { shape: f.shape, vendor: f.vendor } : null;
      for (let i = 0; i < 3; i++) expect(findKeyShaped(s), s.length > 40 ? `${s.length} chars` : s).toEqual(want);
    }
  });
});
