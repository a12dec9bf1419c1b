// The library's result types as a caller sees them: test/types/results.ts
// must compile against the built declarations (`if (r.ok) r.model_id`), and
// its @ts-expect-error lines must still be errors (unused ones fail tsc).
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');

it('every result is a union that narrows on ok', () => {
  const r = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/typescript/bin/tsc'), '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--skipLibCheck', '--types', 'node', join(ROOT, 'test/types/results.ts')],
    { encoding: 'utf8', cwd: ROOT },
  );
  expect(r.stdout + r.stderr).toBe('');
  expect(r.status).toBe(0);
});
