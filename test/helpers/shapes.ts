// The pathological-shape check shared by test/linear-time.test.ts (intake,
// curl, keys) and test/linear-time-code.test.ts (Python, JS): each shape of
// bench/shapes.mjs at the 256 KiB cap must come back without throwing, without
// an internal error, without leaking a key, and within a CPU-time bound (see
// the header of test/linear-time.test.ts). Two files, so that vitest runs the
// two halves in parallel.
import { describe, expect, it } from 'vitest';
import { parseExample } from '../../src/api.js';
import { ErrorCode } from '../../src/result.js';
import { MAX_INPUT_BYTES } from '../../src/intake/limits.js';
import { generateKey, keyWindows } from './keys.js';
// @ts-expect-error: a plain .mjs module shared with the bench, without type declarations
import { SHAPES } from '../../bench/shapes.mjs';

interface Shape {
  group: string;
  name: string;
  gen: (size: number, key: () => string) => string;
  filename?: string;
}

const BOUND_MS = 4000;

/** Which keys have an 8-character window in `out`: one pass over `out`, then set lookups
 * (leaks() of helpers/keys.ts scans `out` once per window: too slow for thousands of keys). */
function leakedKeys(out: string, keys: string[]): number[] {
  const seen = new Set<string>();
  for (let i = 0; i + 8 <= out.length; i++) seen.add(out.slice(i, i + 8));
  return keys.flatMap((k, i) => (keyWindows(k).some((w) => seen.has(w)) ? [i] : []));
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
}

/**
 * One test per shape of the given groups of bench/shapes.mjs, at `size` bytes
 * (the size cap unless given: code shapes are also run at a size under the
 * token budget of src/intake/limits.ts, where the parsers read them).
 */
export function shapeTests(groups: string[], size: number = MAX_INPUT_BYTES): void {
  describe(`pathological shapes at ${size === MAX_INPUT_BYTES ? 'the size cap' : `${size} bytes`} (${groups.join(', ')})`, () => {
    for (const shape of (SHAPES as Shape[]).filter((s) => groups.includes(s.group)))
      it(`${shape.group}: ${shape.name}`, async () => {
        const keys: string[] = [];
        const text = shape.gen(size, () => {
          const k = generateKey('openai');
          keys.push(k);
          return k;
        });
        expect(text.length).toBeGreaterThan(size / 2);
        expect(Buffer.byteLength(text)).toBeLessThanOrEqual(size);
        const since = process.cpuUsage();
        const r = await parseExample(text, { filename: shape.filename });
        const ms = cpuMs(since);
        expect(typeof r.ok).toBe('boolean');
        if (!r.ok) {
          expect(ErrorCode.options).toContain(r.code);
          expect(r.code, r.error).not.toBe('parse_error');
        }
        expect(leakedKeys(JSON.stringify(r), keys)).toEqual([]);
        expect(ms, `${Math.round(ms)} ms of CPU`).toBeLessThan(BOUND_MS);
      });
  });
}
