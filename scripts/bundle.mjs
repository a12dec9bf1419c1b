// Bundles the CLI (dist/cli.js, built by tsc) into dist/bundle/: one entry
// file plus lazy chunks, one per dynamic import (a front-end, the registry,
// the MCP SDK), so that `byok VERB` reads a handful of files instead of
// ~140 modules (zod alone is ~95). Module resolution and loading were most
// of a verb's start-up (README, "Speed and linear time").
// Guarantees: the bundle runs the same compiled code as dist/ (it is built
// from tsc's output, not from the sources); dist/bundle/ sits two levels
// below the package root like every dist/ module, so `import.meta.url`
// paths (../../package.json, ../../schema/...) resolve alike; bin/byok.js
// falls back to dist/cli.js when the bundle is absent (esbuild is a
// devDependency: a checkout built without it still runs).
import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist/bundle');
let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  console.error('bundle: esbuild is not installed; bin/byok.js will run dist/cli.js unbundled.');
  process.exit(0);
}
rmSync(out, { recursive: true, force: true });
await esbuild.build({
  entryPoints: [join(root, 'dist/cli.js')],
  outdir: out,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunk-[hash]',
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'warning',
  // CommonJS dependencies bundled into ESM may call require() for node built-ins.
  banner: { js: "import { createRequire as __byokRequire } from 'node:module'; const require = __byokRequire(import.meta.url);" },
});
