// Rewrites the README's flags reference (between <!-- flags:start --> and
// <!-- flags:end -->) from the CLI's verb table (src/cli/verbs.ts), after a
// build: `npm run build && node scripts/gen-readme-flags.mjs`.
// test/readme.test.ts fails when the README's copy is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { flagsReference } = await import(pathToFileURL(join(root, 'dist/cli/help.js')).href);
const file = join(root, 'README.md');
const text = readFileSync(file, 'utf8');
const re = /(<!-- flags:start -->\n)[\s\S]*?(<!-- flags:end -->)/;
if (!re.test(text)) {
  console.error('README.md has no <!-- flags:start --> ... <!-- flags:end --> markers');
  process.exit(1);
}
writeFileSync(file, text.replace(re, (_, a, b) => a + '\n' + flagsReference() + '\n' + b));
