// The output boundary scans all the strings of a result as one text joined by
// NUL (src/secrets/boundary.ts collectStrings) instead of one scan per string.
// That is safe only if the joined scan finds exactly the keys, and the pieces
// of split keys, that scanning each string finds: checked here on generated
// strings that hold keys whole, split, glued, in URLs and next to hex runs.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { scanShapes, scanText } from '../src/secrets/scan.js';
import { forgetSecrets, holdsSecret, scrubResult } from '../src/secrets/index.js';
import { generateKey } from './helpers/keys.js';
// @ts-expect-error: plain .mjs helper without type declarations
import { SHAPE_IDS } from './helpers/key-gen.mjs';

const found = (texts: string[], scan: typeof scanShapes = scanShapes) => {
  const values = new Set<string>();
  for (const t of texts) for (const f of scan(t)) {
    values.add(f.value);
    for (const p of f.pieces ?? []) values.add('piece:' + p);
  }
  return [...values].sort();
};

/** A string an output could hold: words, ids, URLs, hex, and keys whole, split or glued. */
function piece(seed: number): fc.Arbitrary<string> {
  let n = seed;
  const random = () => {
    n = (n * 1103515245 + 12345) % 2147483648;
    return n / 2147483648;
  };
  const key = fc.constantFrom(...(SHAPE_IDS as string[])).map((id) => generateKey(id, random));
  const hex = fc.integer({ min: 4, max: 70 }).map((len) => Array.from({ length: len }, () => '0123456789abcdef'[Math.floor(random() * 16)]).join(''));
  const word = fc.constantFrom('gpt-4o', 'Authorization', 'Bearer', 'model', 'https://api.example.com/v1/', 'x', 'sk-', 'token', '+', '"', ' ', '/', ':', 'a1b2', 'deepseek-chat', 'api_key=', 'TOKEN: ', 'secret ');
  // A long random token (no key shape): a key only by the context rule, after a credential word.
  const opaque = fc.integer({ min: 20, max: 48 }).map((len) => Array.from({ length: len }, () => 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789'[Math.floor(random() * 56)]).join(''));
  const part = fc.oneof(key, hex, word, opaque, key.map((k) => k.slice(0, Math.floor(k.length / 2))), key.map((k) => k.slice(Math.floor(k.length / 2))));
  return fc.array(part, { minLength: 1, maxLength: 5 }).chain((parts) => fc.constantFrom(' ', '', '" + "', '/', '=').map((sep) => parts.join(sep)));
}

describe('one scan of the joined strings finds what a scan of each finds', () => {
  it.each([1, 2, 3])('generated outputs (seed %i)', (seed) => {
    let withKeys = 0;
    let withPieces = 0;
    fc.assert(
      fc.property(fc.array(piece(seed), { minLength: 1, maxLength: 8 }), (strings) => {
        const long = strings.filter((s) => s.length >= 8);
        const each = found(long);
        expect(found([long.join('\0')])).toEqual(each);
        if (each.length) withKeys++;
        if (each.some((v) => v.startsWith('piece:'))) withPieces++;
      }),
      { numRuns: 300, seed },
    );
    // The comparison means something only if keys, and split keys, are found often.
    expect(withKeys).toBeGreaterThan(150);
    expect(withPieces).toBeGreaterThan(10);
  });

  it.each([4, 5])('with the context rule too (scanText, as the environment scan uses it; seed %i)', (seed) => {
    let byContext = 0;
    fc.assert(
      fc.property(fc.array(piece(seed), { minLength: 1, maxLength: 8 }), (strings) => {
        const long = strings.filter((s) => s.length >= 8);
        const each = found(long, scanText);
        expect(found([long.join('\0')], scanText)).toEqual(each);
        if (each.length > found(long).length) byContext++;
      }),
      { numRuns: 300, seed },
    );
    expect(byContext).toBeGreaterThan(10);
  });

  it('a key split across two strings is not joined across them, as before', () => {
    const k = generateKey('openai');
    const halves = [k.slice(0, 20), k.slice(20)];
    expect(found([halves.join('\0')])).toEqual(found(halves));
  });
});

describe('scrubResult', () => {
  it('still removes a key-shaped value from any field, and remembers it', () => {
    forgetSecrets();
    const k = generateKey('anthropic');
    const out = scrubResult({ ok: true, a: 'short', list: ['x', `Bearer ${k}`], [`key ${k}`]: 1 });
    expect(JSON.stringify(out)).not.toContain(k.slice(10, 18));
    expect(holdsSecret(`..${k.slice(30, 40)}..`)).toBe(true);
  });

  it('strings seen key-free before are not scanned again, and a key next to them is still found and hidden', () => {
    forgetSecrets();
    const clean = { model: 'deepseek-chat', note: 'Register it with `byok add --from-draft -`.', url: 'https://api.deepseek.com/v1' };
    expect(scrubResult(clean)).toEqual(clean);
    const k = generateKey('openai');
    const out = scrubResult({ ...clean, extra: `id ${k}` });
    expect(JSON.stringify(out)).not.toContain(k.slice(12, 20));
    expect(out.model).toBe('deepseek-chat');
    // The key is now remembered: hidden from a later output that holds it alone.
    expect(JSON.stringify(scrubResult({ again: k }))).not.toContain(k.slice(12, 20));
    // Many distinct key-free strings (past the memo's bound), then a key: still found.
    for (let i = 0; i < 9000; i++) scrubResult({ s: `plain text number ${i}` });
    const k2 = generateKey('anthropic');
    expect(JSON.stringify(scrubResult({ s: `plain text number 1`, t: k2 }))).not.toContain(k2.slice(20, 28));
  });
});

