#!/usr/bin/env node
// The `byok` command. The work is in dist/cli.js (built by `npm run build`,
// which `npm install` runs through the `prepare` script); the build also
// bundles it into layers under dist/bundle/ (scripts/bundle.mjs), loaded with
// V8 code caches by dist/bundle/loader.cjs, which start faster and are used
// when present.
// A bundle older than dist/cli.js (a `tsc` run without the bundling step) is
// stale and is not used.
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const path = (rel) => fileURLToPath(new URL(rel, import.meta.url));
const bundle = path('../dist/bundle/cli.cjs');
const loader = path('../dist/bundle/loader.cjs');
const plain = path('../dist/cli.js');
const mtime = (p) => statSync(p, { throwIfNoEntry: false })?.mtimeMs ?? -1;
const fresh = mtime(bundle) >= 0 && mtime(bundle) >= mtime(plain) && existsSync(loader);
if (!fresh && !existsSync(plain)) {
  process.stdout.write(
    JSON.stringify({ ok: false, error: 'byok is not built yet: run `npm install` (or `npm run build`) in its folder first.', code: 'usage' }) + '\n',
  );
  process.exit(2);
}
const { main } = fresh ? createRequire(import.meta.url)(loader).load('cli.cjs') : await import(new URL('../dist/cli.js', import.meta.url).href);
process.exitCode = await main(process.argv.slice(2));
