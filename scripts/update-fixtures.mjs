// Regenerates the `output` half of every fixtures/VENDOR/NAME.expected.json
// from the built library (dist/), leaving the hand-written `labels` half alone.
// `{{KEY:shape}}` markers are expanded with freshly generated keys first, as
// the tests do, so the output shows exactly what a user with a real key gets.
// Usage: npm run fixtures:update   (builds first)
//        node scripts/update-fixtures.mjs [substring]  (only matching fixtures)
import { readFileSync, writeFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { parseExample } = await import(join(root, 'dist/api.js'));
const { expandKeyMarkers } = await import(join(root, 'test/helpers/key-gen.mjs'));

export const INPUT_EXT = /\.(sh|cmd|ps1|py|js|ts|txt)$/;

export function listFixtures(dir = join(root, 'fixtures')) {
  const out = [];
  for (const vendor of readdirSync(dir).sort()) {
    const vdir = join(dir, vendor);
    if (!statSync(vdir).isDirectory()) continue;
    for (const f of readdirSync(vdir).sort()) if (INPUT_EXT.test(f) && !f.endsWith('.expected.json')) out.push(join(vdir, f));
  }
  return out;
}

const filter = process.argv[2];
let n = 0;
for (const file of listFixtures()) {
  if (filter && !file.includes(filter)) continue;
  const expectedPath = file.replace(INPUT_EXT, '.expected.json');
  const prev = existsSync(expectedPath) ? JSON.parse(readFileSync(expectedPath, 'utf8')) : {};
  const { text } = expandKeyMarkers(readFileSync(file, 'utf8'));
  const output = await parseExample(text, { filename: file });
  writeFileSync(expectedPath, JSON.stringify({ labels: prev.labels ?? {}, output }, null, 2) + '\n');
  n++;
}
console.log(`updated ${n} fixture(s)`);
