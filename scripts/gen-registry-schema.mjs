// Writes schema/custom_models.schema.json, the JSON Schema of
// config/custom_models.yaml, from the zod schema in src/registry/schema.ts
// (z.toJSONSchema). Run after a build:
//   npm run build && node scripts/gen-registry-schema.mjs          (write)
//   node scripts/gen-registry-schema.mjs --check                    (exit 1 when stale)
// test/registry-schema.test.ts fails when the committed file is stale.
import { readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'schema', 'custom_models.schema.json');
const mod = join(root, 'dist', 'registry', 'schema.js');
if (!existsSync(mod)) {
  console.error('dist/registry/schema.js is missing: run npm run build first');
  process.exit(2);
}
const { registryJsonSchema } = await import(pathToFileURL(mod).href);
const text = JSON.stringify(registryJsonSchema(), null, 2) + '\n';
if (process.argv.includes('--check')) {
  const old = existsSync(out) ? readFileSync(out, 'utf8') : '';
  if (old !== text) {
    console.error('schema/custom_models.schema.json is stale: run npm run build && node scripts/gen-registry-schema.mjs');
    process.exit(1);
  }
} else {
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, text);
}
