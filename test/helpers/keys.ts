// Keys for tests: built at run time (generateKey, expandKeyMarkers, from
// test/helpers/key-gen.mjs), and how tests check that a key did not leak: no
// 8-character window of it may appear in an output (the guarantee of scrub()
// in src/secrets/).

/** Every 8-character window of a key. */
export function keyWindows(key: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 8 <= key.length; i++) out.push(key.slice(i, i + 8));
  return out;
}

/** Which windows of which keys appear in `out`, described without the key itself; [] when none. */
export function leaks(out: string, keys: string[]): string[] {
  const hits: string[] = [];
  for (const k of keys) keyWindows(k).forEach((w, i) => out.includes(w) && hits.push(`window ${i} of a ${k.length}-char key`));
  return hits;
}

// Keys themselves are built at run time from the key-shape table (test-side only).
export { expandKeyMarkers, generateKey } from './key-gen.mjs';
