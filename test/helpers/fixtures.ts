// Shared by the fixture tests: lists fixtures/VENDOR/NAME.EXT inputs and reads
// their NAME.expected.json ({ labels: hand-written, output: generated }).
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const INPUT_EXT = /\.(sh|cmd|ps1|py|js|ts|txt)$/;

export interface Fixture {
  file: string;
  rel: string;
  vendor: string;
  ext: string;
  expectedPath: string;
  expected: { labels?: Record<string, unknown>; output?: Record<string, unknown> } | null;
}

export function listFixtures(): Fixture[] {
  const dir = join(ROOT, 'fixtures');
  const out: Fixture[] = [];
  for (const vendor of readdirSync(dir).sort()) {
    const vdir = join(dir, vendor);
    if (!statSync(vdir).isDirectory()) continue;
    for (const f of readdirSync(vdir).sort()) {
      if (!INPUT_EXT.test(f)) continue;
      const file = join(vdir, f);
      const expectedPath = file.replace(INPUT_EXT, '.expected.json');
      out.push({
        file,
        rel: `${vendor}/${f}`,
        vendor,
        ext: f.split('.').pop()!,
        expectedPath,
        expected: existsSync(expectedPath) ? JSON.parse(readFileSync(expectedPath, 'utf8')) : null,
      });
    }
  }
  return out;
}
