#!/usr/bin/env node
// The `byok` command. The work is in dist/cli.js (built by `npm run build`,
// which `npm install` runs through the `prepare` script); the build also
// bundles it into dist/bundle/cli.js (scripts/bundle.mjs), which starts
// faster and is used when present.
// A bundle older than dist/cli.js (a `tsc` run without the bundling step) is
// stale and is not used.
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../dist/bundle/cli.js', import.meta.url);
const plain = new URL('../dist/cli.js', import.meta.url);
const mtime = (u) => statSync(fileURLToPath(u), { throwIfNoEntry: false })?.mtimeMs ?? -1;
const cli = mtime(bundle) >= mtime(plain) && mtime(bundle) >= 0 ? bundle : plain;
if (!existsSync(fileURLToPath(cli))) {
  process.stdout.write(
    JSON.stringify({ ok: false, error: 'byok is not built yet: run `npm install` (or `npm run build`) in its folder first.', code: 'usage' }) + '\n',
  );
  process.exit(2);
}
const { main } = await import(cli.href);
process.exitCode = await main(process.argv.slice(2));
