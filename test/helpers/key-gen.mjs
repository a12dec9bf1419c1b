// The key generator of the tests, the bench and the fixture script (never
// shipped: production code generates no keys). It builds a fresh key of a
// shape from random numbers, straight from the one key-shape table
// (grammar/key-shapes.yaml: each shape's `parts`, each charset's characters),
// the same table the detector's regexes are compiled from, so every generated
// key is one the detector knows. Fixtures carry `{{KEY:shape}}` markers that
// expandKeyMarkers turns into such keys at run time: no realistic key is ever
// committed. Plain ESM so that both the TypeScript tests and plain Node
// scripts (bench/, scripts/) import it.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

const table = parse(readFileSync(new URL('../../grammar/key-shapes.yaml', import.meta.url), 'utf8'));

/** The characters of a charset (`A-Za-z0-9_-` expanded). */
export function charsetChars(name) {
  const spec = table.charsets[name];
  if (spec === undefined) throw new Error(`unknown charset ${name}`);
  let out = '';
  for (let i = 0; i < spec.length; i++) {
    if (spec[i + 1] === '-' && i + 2 < spec.length) {
      for (let c = spec.charCodeAt(i); c <= spec.charCodeAt(i + 2); c++) out += String.fromCharCode(c);
      i += 2;
    } else out += spec[i];
  }
  return out;
}

/**
 * A fresh key of the shape `shapeId` (an id of grammar/key-shapes.yaml).
 * @param {string} shapeId
 * @param {() => number} [random] a source in [0, 1), for seeded runs
 * @returns {string}
 */
export function generateKey(shapeId, random = Math.random) {
  const shape = table.shapes.find((s) => s.id === shapeId);
  if (!shape) throw new Error(`unknown key shape ${shapeId}`);
  let out = '';
  for (const p of shape.parts) {
    if ('lit' in p) {
      out += p.lit;
      continue;
    }
    const chars = charsetChars(p.charset);
    const lens = p.len ?? [1];
    const n = p.range ? p.range[0] + Math.floor(random() * (p.range[1] - p.range[0] + 1)) : lens[Math.floor(random() * lens.length)];
    for (let i = 0; i < n; i++) out += chars[Math.floor(random() * chars.length)];
  }
  return out;
}

/**
 * Replaces every `{{KEY:shape}}` marker with a generated key; returns the text and the keys used.
 * @param {string} text
 * @param {() => number} [random]
 * @returns {{ text: string, keys: string[] }}
 */
export function expandKeyMarkers(text, random = Math.random) {
  const keys = [];
  const out = text.replace(/\{\{KEY:([a-z0-9-]+)\}\}/g, (_m, id) => {
    const k = generateKey(id, random);
    keys.push(k);
    return k;
  });
  return { text: out, keys };
}

/** Every shape id of the table. */
export const SHAPE_IDS = table.shapes.map((s) => s.id);
