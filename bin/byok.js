#!/usr/bin/env node
// The `byok` command. The work is in dist/cli.js (built by `npm run build`,
// which `npm install` runs through the `prepare` script); the build also
// bundles it into dist/bundle/cli.js (scripts/bundle.mjs), which starts
// faster and is used when present.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../dist/bundle/cli.js', import.meta.url);
const cli = existsSync(fileURLToPath(bundle)) ? bundle : new URL('../dist/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  process.stdout.write(
    JSON.stringify({ ok: false, error: 'byok is not built yet: run `npm install` (or `npm run build`) in its folder first.', code: 'usage' }) + '\n',
  );
  process.exit(2);
}
const { main } = await import(cli.href);
process.exitCode = await main(process.argv.slice(2));
