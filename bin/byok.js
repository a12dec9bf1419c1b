#!/usr/bin/env node
// The `byok` command. The work is in dist/cli.js (built by `npm run build`,
// which `npm install` runs through the `prepare` script); the build also
// bundles it into layers under dist/bundle/ (scripts/bundle.mjs), loaded with
// V8 code caches by dist/bundle/loader.cjs, which start faster and are used
// when present.
// A bundle older than dist/cli.js (a `tsc` run without the bundling step) is
// stale and is not used.
// This file is CommonJS (bin/package.json): with the bundle, a run never
// starts node's ES module loader, which costs start-up time.
'use strict';
const { existsSync, statSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

const bundle = join(__dirname, '../dist/bundle/cli.cjs');
const loader = join(__dirname, '../dist/bundle/loader.cjs');
const plain = join(__dirname, '../dist/cli.js');
const mtime = (p) => statSync(p, { throwIfNoEntry: false })?.mtimeMs ?? -1;
const fresh = mtime(bundle) >= 0 && mtime(bundle) >= mtime(plain) && existsSync(loader);
if (!fresh && !existsSync(plain)) {
  process.stdout.write(
    JSON.stringify({ ok: false, error: 'byok is not built yet: run `npm install` (or `npm run build`) in its folder first.', code: 'usage' }) + '\n',
  );
  process.exit(2);
}
const cli = fresh ? Promise.resolve(require(loader).load('cli.cjs')) : import(pathToFileURL(plain).href);
cli
  .then(({ main }) => main(process.argv.slice(2)))
  .then((code) => {
    process.exitCode = code;
  });
