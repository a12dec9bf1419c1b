// The scrubber's rolling-hash prefilter (src/secrets/scrub.ts) and the scan's
// skipping of hex runs shorter than 4 (src/secrets/scan.ts) change only how
// fast a long output is checked, never what is hidden: the prefiltered scrub
// equals a plain window-by-window scrub on random texts and secrets (a small
// alphabet, so windows collide often), and split prefix-less keys are found
// next to short hex runs as before.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REDACTED, SecretWindows, WINDOW } from '../src/secrets/scrub.js';
import { scanShapes } from '../src/secrets/scan.js';
import { generateKey } from './helpers/keys.js';

/** The scrub without a prefilter: every window cut out and looked up. */
function plainScrub(s: string, secrets: string[]): string {
  const windows = new Set<string>();
  const short = new Set<string>();
  for (const raw of secrets) {
    const k = raw.trim();
    if (k.length < 4) continue;
    if (k.length < WINDOW) short.add(k);
    else for (let w = 0; w + WINDOW <= k.length; w++) windows.add(k.slice(w, w + WINDOW));
  }
  if ((!windows.size && !short.size) || s.length < 4) return s;
  const cover = new Uint8Array(s.length);
  let any = false;
  for (let i = 0; i + WINDOW <= s.length; i++)
    if (windows.has(s.slice(i, i + WINDOW))) {
      cover.fill(1, i, i + WINDOW);
      any = true;
    }
  for (const k of short)
    for (let i = s.indexOf(k); i >= 0; i = s.indexOf(k, i + 1)) {
      cover.fill(1, i, i + k.length);
      any = true;
    }
  if (!any) return s;
  let out = '';
  for (let i = 0; i < s.length; ) {
    if (cover[i]) {
      out += REDACTED;
      while (i < s.length && cover[i]) i++;
    } else out += s[i++];
  }
  return out;
}

/** A deterministic random source. */
const rng = (seed: number) => {
  let x = seed >>> 0 || 1;
  return () => ((x = (x * 1664525 + 1013904223) >>> 0) / 2 ** 32);
};

const text = (chars: string, max: number) => fc.array(fc.constantFrom(...chars), { maxLength: max }).map((a) => a.join(''));

describe('scrub prefilter', () => {
  it('hides exactly what a plain window-by-window scrub hides', () => {
    fc.assert(
      fc.property(fc.array(text('abAB01-é😀', 24), { maxLength: 5 }), text('abAB01-é😀 \n', 300), (secrets, s) => {
        const w = new SecretWindows();
        for (const k of secrets) w.add(k);
        expect(w.scrubString(s)).toBe(plainScrub(s, secrets));
      }),
      { numRuns: 400 },
    );
  });

  it('hides a secret planted in a long text at any offset, and nothing else', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 8, max: 64 }), (at, len) => {
        const key = generateKey('openai-proj', rng(at + 1)).slice(0, len);
        const filler = 'x'.repeat(at) + ' ' + key + ' ' + 'y'.repeat(100);
        const w = new SecretWindows();
        w.add(key);
        expect(w.scrubString(filler)).toBe('x'.repeat(at) + ' ' + REDACTED + ' ' + 'y'.repeat(100));
      }),
      { numRuns: 50 },
    );
  });
});

describe('window table', () => {
  it('holds each distinct window once and answers membership as a set of window strings does, across growth', () => {
    fc.assert(
      fc.property(fc.array(text('abAB01-é😀', 40), { maxLength: 60 }), fc.array(text('abAB01-é😀', 12), { maxLength: 40 }), (secrets, probes) => {
        const w = new SecretWindows();
        const set = new Set<string>();
        for (const raw of secrets) {
          w.add(raw);
          const k = raw.trim();
          if (k.length >= WINDOW) for (let i = 0; i + WINDOW <= k.length; i++) set.add(k.slice(i, i + WINDOW));
        }
        expect(w.size).toBe(set.size);
        for (const x of set) expect(w.hasWindow(`..${x}`, 2)).toBe(true);
        for (const p of probes) for (let i = 0; i + WINDOW <= p.length; i++) expect(w.hasWindow(p, i), p).toBe(set.has(p.slice(i, i + WINDOW)));
        // Out of range is no window.
        expect(w.hasWindow('short', 0)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps thousands of generated keys (the table grows many times) and hides each', () => {
    const w = new SecretWindows();
    const keys = Array.from({ length: 3000 }, (_, i) => generateKey('openai-proj', rng(i + 7)));
    for (const k of keys) w.add(k);
    for (const k of keys.filter((_, i) => i % 97 === 0)) expect(w.scrubString(`a ${k} b`)).toBe(`a ${REDACTED} b`);
    expect(w.scrubString('nothing secret in here at all')).toBe('nothing secret in here at all');
  });
});

describe('hex runs', () => {
  it('a prefix-less hex key split by spaces or quotes is found next to short hex runs (abc, 12) as before', () => {
    for (const seed of [1, 2, 3]) {
      const key = generateKey('azure-hex32', rng(seed));
      for (const [a, b] of [
        [key.slice(0, 16), key.slice(16)],
        [key.slice(0, 10), key.slice(10)],
      ]) {
        // The rule joins pieces that each hold a digit and a letter somewhere: the seeds give such keys.
        expect(/[0-9]/.test(a) && /[0-9]/.test(b) && /[a-f]/.test(key)).toBe(true);
        for (const text of [`abc 12 "${a}" "${b}" de 7`, `fe ${a} ${b} 0a`, `${a}' + '${b}`]) {
          const found = scanShapes(text).map((f) => f.value);
          expect(found, text).toContain(key);
        }
        // A short hex run between the pieces breaks the chain, as it always did.
        expect(scanShapes(`${a} ab ${b}`).map((f) => f.value)).not.toContain(key);
      }
    }
  });
});
