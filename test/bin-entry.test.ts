// bin/byok.js runs the bundle only when it is at least as new as dist/cli.js
// (a `tsc` run without the bundling step leaves a stale bundle), else dist/cli.js.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const stub = (who: string) => `export async function main() { process.stdout.write('${who}'); return 0; }\n`;
// The bundle's loader (dist/bundle/loader.cjs) hands out the CLI layer's exports.
const loaderStub = "module.exports = { load: () => ({ main: async () => { process.stdout.write('bundle'); return 0; } }) };\n";

it('prefers a fresh bundle and skips a stale one', () => {
  const pkg = mkdtempSync(join(tmpdir(), 'byok-bin-'));
  for (const d of ['bin', 'dist/bundle']) mkdirSync(join(pkg, d), { recursive: true });
  copyFileSync(join(import.meta.dirname, '../bin/byok.js'), join(pkg, 'bin/byok.js'));
  copyFileSync(join(import.meta.dirname, '../bin/package.json'), join(pkg, 'bin/package.json'));
  writeFileSync(join(pkg, 'package.json'), '{"type":"module"}');
  writeFileSync(join(pkg, 'dist/cli.js'), stub('plain'));
  writeFileSync(join(pkg, 'dist/bundle/cli.cjs'), '');
  writeFileSync(join(pkg, 'dist/bundle/loader.cjs'), loaderStub);
  const run = () => spawnSync(process.execPath, [join(pkg, 'bin/byok.js')], { encoding: 'utf8' }).stdout;
  utimesSync(join(pkg, 'dist/cli.js'), 1000, 1000);
  utimesSync(join(pkg, 'dist/bundle/cli.cjs'), 2000, 2000);
  expect(run()).toBe('bundle');
  utimesSync(join(pkg, 'dist/cli.js'), 3000, 3000);
  expect(run()).toBe('plain');
});
